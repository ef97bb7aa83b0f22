using System.Runtime.InteropServices;

namespace TmuxAgent.Core.Store.Sqlite;

/// <summary>
/// The few SQLite calls of the page read, made straight on the statement's pointer: SQLitePCL's wrappers add a
/// <see cref="SafeHandle"/> add-ref and release and a provider call to each column read, ~12 of them per row. The column
/// reads are quick and never call back, so they skip the GC transition; <c>sqlite3_step</c> may wait on a lock and keeps it.
/// The library is the one SQLitePCL loads (<c>e_sqlite3</c>, from the SQLitePCLRaw bundle).
/// </summary>
internal static unsafe partial class SqliteNative
{
    private const string Library = "e_sqlite3";

    [LibraryImport(Library, EntryPoint = "sqlite3_step")]
    internal static partial int Step(nint stmt);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_int64")]
    [SuppressGCTransition]
    internal static partial long Int64(nint stmt, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_blob")]
    [SuppressGCTransition]
    private static partial byte* BlobPointer(nint stmt, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_bytes")]
    [SuppressGCTransition]
    private static partial int Bytes(nint stmt, int column);

    /// <summary>A column's bytes (a text column's UTF-8), valid until the next step.</summary>
    internal static ReadOnlySpan<byte> Blob(nint stmt, int column)
    {
        var p = BlobPointer(stmt, column);   // first the pointer, then its length, as SQLite asks
        return p is null ? default : new ReadOnlySpan<byte>(p, Bytes(stmt, column));
    }
}
