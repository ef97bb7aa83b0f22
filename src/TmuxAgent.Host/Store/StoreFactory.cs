using TmuxAgent.Core.Store;
using TmuxAgent.Core.Store.Sqlite;

namespace TmuxAgent.Host.Store;

/// <summary>Opens the event store of the daemon: a SQLite file (default <see cref="DefaultPath"/>, relative to the
/// working directory) or a PostgreSQL connection string (<c>postgres://…</c>) for several hosts sharing one store.</summary>
public static class StoreFactory
{
    /// <summary><c>.tmuxagent/orchestrator-events.db</c>.</summary>
    public const string DefaultPath = ".tmuxagent/orchestrator-events.db";

    /// <summary>The store at <paramref name="pathOrConnectionString"/> (created and migrated when needed). A SQLite store
    /// comes wrapped in <see cref="CheckedSqliteStore"/>, so a file damaged under the running host is noticed.</summary>
    public static IEventStore Open(string pathOrConnectionString) => EventStores.Open(pathOrConnectionString) switch
    {
        SqliteEventStore sqlite => new CheckedSqliteStore(sqlite),
        var other => other,
    };
}
