using Microsoft.Data.Sqlite;

namespace TmuxAgent.Core.Store.Sqlite;

/// <summary>The SQLite store file cannot be used: corrupt, not a database, locked, unreadable or from a newer version.</summary>
public sealed class SqliteStoreException(string path, string message, Exception? inner = null)
    : Exception($"{path}: {message}", inner)
{
    /// <summary>The database file.</summary>
    public string Path { get; } = path;

    /// <summary>SQLite's primary result code, when SQLite reported the error (5: busy, 11: corrupt, 26: not a database).</summary>
    public int? SqliteErrorCode => (InnerException as SqliteException)?.SqliteErrorCode;

    /// <summary>Turns SQLite's error into one naming the file and what the user can do.</summary>
    internal static SqliteStoreException From(string path, SqliteException e, TimeSpan busyTimeout) => e.SqliteErrorCode switch
    {
        SQLitePCL.raw.SQLITE_BUSY or SQLitePCL.raw.SQLITE_LOCKED => new(path,
            $"the event store is locked by another writer (waited {busyTimeout.TotalSeconds:0.###} s): {e.Message}", e),
        SQLitePCL.raw.SQLITE_CORRUPT or SQLitePCL.raw.SQLITE_NOTADB => new(path,
            $"not a usable SQLite event store (corrupt or not a database): {e.Message}", e),
        SQLitePCL.raw.SQLITE_CANTOPEN or SQLitePCL.raw.SQLITE_PERM or SQLitePCL.raw.SQLITE_READONLY or SQLitePCL.raw.SQLITE_AUTH => new(path,
            $"cannot open the event store for writing (check the path and its permissions): {e.Message}", e),
        SQLitePCL.raw.SQLITE_FULL or SQLitePCL.raw.SQLITE_IOERR => new(path, $"disk error: {e.Message}", e),
        _ => new(path, e.Message, e),
    };
}
