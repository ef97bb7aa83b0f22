using TmuxAgent.Core.Store;

namespace TmuxAgent.Host.Store;

/// <summary>Opens the event store of the daemon. Default path: <see cref="DefaultPath"/> (relative to the working directory).</summary>
public static class StoreFactory
{
    /// <summary><c>.tmuxagent/orchestrator-events.db</c>.</summary>
    public const string DefaultPath = ".tmuxagent/orchestrator-events.db";

    /// <summary>The store at <paramref name="path"/>.</summary>
    public static IEventStore Open(string path)
    {
        // TODO(sqlite): return new TmuxAgent.Core.Store.Sqlite.SqliteEventStore(path) once the sqlite branch is merged.
        // Until then events live in memory only: restart safety holds within one process, not across restarts.
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        return new InMemoryEventStore();
    }
}
