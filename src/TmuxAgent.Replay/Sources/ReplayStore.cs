using TmuxAgent.Core.Store;

namespace TmuxAgent.Replay.Sources;

/// <summary>
/// The one seam through which <c>--store PATH</c> opens an event store for reading.
/// A SQLite file path or a PostgreSQL connection string (<see cref="Core.Store.EventStores"/>).
/// Tests may replace <see cref="Open"/> with an in-memory store.
/// </summary>
internal static class ReplayStore
{
    /// <summary>Opens the store at a path; the result is disposed after use when it is <see cref="IDisposable"/>.</summary>
    public static Func<string, IEventReader> Open { get; set; } = OpenSqlite;

    private static IEventReader OpenSqlite(string path)
    {
        if (Core.Store.EventStores.KindOf(path) == Core.Store.StoreKind.Sqlite && !File.Exists(path.StartsWith("sqlite:", StringComparison.Ordinal) ? path[7..] : path))
            throw new StoreOpenException($"{path}: no such store file");
        try { return Core.Store.EventStores.Open(path); }
        catch (Exception e) when (e is FormatException or Core.Store.Sqlite.SqliteStoreException or Core.Store.Postgres.PostgresStoreException)
        {
            throw new StoreOpenException(e.Message);
        }
    }
}

/// <summary>The store could not be opened (exit code 2).</summary>
internal sealed class StoreOpenException(string message) : Exception(message);
