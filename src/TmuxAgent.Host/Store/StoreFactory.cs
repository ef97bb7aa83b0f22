using TmuxAgent.Core.Store;
using TmuxAgent.Core.Store.Leases;
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

    /// <summary>The branch leases of the same store (same SQLite file or PostgreSQL database).</summary>
    public static IBranchLeases OpenLeases(string pathOrConnectionString) => EventStores.OpenLeases(pathOrConnectionString);

    /// <summary>Where the read offset of LocalBus <c>confirmations.jsonl</c> is kept: next to a SQLite store file, or
    /// <c>.tmuxagent/localbus-offsets.json</c> under the working directory with a PostgreSQL store (the bus is per machine).</summary>
    public static string BusOffsetFile(string pathOrConnectionString)
    {
        if (EventStores.KindOf(pathOrConnectionString) == StoreKind.Postgres) return Path.GetFullPath(".tmuxagent/localbus-offsets.json");
        var s = pathOrConnectionString.Trim();
        if (s.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase)) s = s["sqlite:".Length..];
        return Path.Combine(Path.GetDirectoryName(Path.GetFullPath(s))!, "localbus-offsets.json");
    }
}
