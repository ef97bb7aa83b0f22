using TmuxAgent.Core.Store;

namespace TmuxAgent.Replay.Sources;

/// <summary>
/// The one seam through which <c>--store PATH</c> opens an event store for reading.
/// TODO(sqlite): point <see cref="Open"/> at <c>TmuxAgent.Core.Store.Sqlite.SqliteEventStore</c> (read-only) once
/// that class is merged from the store branch; until then <c>--store</c> reports that SQLite is not available.
/// Tests replace <see cref="Open"/> with an in-memory store.
/// </summary>
internal static class EventStores
{
    /// <summary>Opens the store at a path; the result is disposed after use when it is <see cref="IDisposable"/>.</summary>
    public static Func<string, IEventReader> Open { get; set; } = OpenSqlite;

    private static IEventReader OpenSqlite(string path)
    {
        if (!File.Exists(path)) throw new StoreOpenException($"{path}: no such store file");
        throw new StoreOpenException($"{path}: reading the SQLite store needs SqliteEventStore, which this build does not include yet");
    }
}

/// <summary>The store could not be opened (exit code 2).</summary>
internal sealed class StoreOpenException(string message) : Exception(message);
