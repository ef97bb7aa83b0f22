using TmuxAgent.Core.Store;
using TmuxAgent.Core.Store.Sqlite;

namespace TmuxAgent.Host.Store;

/// <summary>Opens the event store of the daemon. Default path: <see cref="DefaultPath"/> (relative to the working directory).</summary>
public static class StoreFactory
{
    /// <summary><c>.tmuxagent/orchestrator-events.db</c>.</summary>
    public const string DefaultPath = ".tmuxagent/orchestrator-events.db";

    /// <summary>The SQLite store at <paramref name="path"/> (its folder created 0700 when missing).</summary>
    /// <exception cref="SqliteStoreException">The file is corrupt, locked, unwritable or from a newer version.</exception>
    public static IEventStore Open(string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(dir))
        {
            if (OperatingSystem.IsWindows()) Directory.CreateDirectory(dir);
            else Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return SqliteEventStore.Open(path);
    }
}
