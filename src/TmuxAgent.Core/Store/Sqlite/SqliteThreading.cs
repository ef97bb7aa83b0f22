using SQLitePCL;

namespace TmuxAgent.Core.Store.Sqlite;

/// <summary>
/// SQLite's threading mode for a whole process. By default every SQLite call takes its connection's mutex (serialized
/// mode); a process in which no connection is ever used by two threads at once — each store read opens or takes its
/// own pooled connection, as <see cref="SqliteEventStore"/> does — can turn that off (multi-thread mode) and save two
/// mutex operations per column read. <c>replay</c> does; the host does not.
/// </summary>
public static class SqliteThreading
{
    /// <summary>Switches the process to multi-thread mode. It must come before the first connection opens.</summary>
    /// <returns>False when it came too late (SQLite already initialised): nothing changed, the default mode stays.</returns>
    public static bool UseMultiThreadMode()
    {
        Batteries_V2.Init();
        return raw.sqlite3_config(raw.SQLITE_CONFIG_MULTITHREAD) == raw.SQLITE_OK;
    }
}
