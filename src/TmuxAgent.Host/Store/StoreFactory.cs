using TmuxAgent.Core.Store;

namespace TmuxAgent.Host.Store;

/// <summary>Opens the event store of the daemon: a SQLite file (default <see cref="DefaultPath"/>, relative to the
/// working directory) or a PostgreSQL connection string (<c>postgres://…</c>) for several hosts sharing one store.</summary>
public static class StoreFactory
{
    /// <summary><c>.tmuxagent/orchestrator-events.db</c>.</summary>
    public const string DefaultPath = ".tmuxagent/orchestrator-events.db";

    /// <summary>Whether the store opened by <see cref="Open"/> keeps its events across restarts.</summary>
    public static bool IsDurable => true;

    /// <summary>The store at <paramref name="pathOrConnectionString"/> (created and migrated when needed).</summary>
    public static IEventStore Open(string pathOrConnectionString) => EventStores.Open(pathOrConnectionString);
}
