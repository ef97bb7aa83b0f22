namespace TmuxAgent.Core.Store;

/// <summary>Reads events back.</summary>
public interface IEventReader
{
    /// <summary>Up to <paramref name="maxCount"/> events of one stream from version <paramref name="fromVersion"/>, in order; empty for no stream.</summary>
    Task<IReadOnlyList<StoredEvent>> ReadStreamAsync(StreamName stream, long fromVersion = 0, int maxCount = int.MaxValue, CancellationToken ct = default);

    /// <summary>
    /// Up to <paramref name="maxCount"/> events of one stream whose global position is below <paramref name="beforePosition"/>
    /// (null: from the stream's newest), newest first; only events whose stored type is in <paramref name="eventTypes"/> when
    /// given. A query with a limit on an index of (stream, position): the memory and the work do not grow with the stream's
    /// length. Page backwards with the last event's position as the next <paramref name="beforePosition"/>.
    /// </summary>
    Task<IReadOnlyList<StoredEvent>> ReadStreamBackwardAsync(StreamName stream, long? beforePosition, int maxCount,
        IReadOnlyCollection<string>? eventTypes = null, CancellationToken ct = default);

    /// <summary>Up to <paramref name="maxCount"/> events of all streams with a global position greater than <paramref name="afterPosition"/>, in global order.</summary>
    Task<IReadOnlyList<StoredEvent>> ReadAllAsync(long afterPosition = 0, int maxCount = 4096, CancellationToken ct = default);

    /// <summary>
    /// Up to <paramref name="maxCount"/> events after <paramref name="afterPosition"/>, in global order, read into
    /// <paramref name="reuse"/> (or a new page) with their data as UTF-8 bytes. Page through the whole store with
    /// <see cref="EventFeed.ReadPagesAsync"/>. Stores with a byte-level reader override this generic version.
    /// </summary>
    async ValueTask<EventPage> ReadPageAsync(long afterPosition, int maxCount, EventPage? reuse = null, CancellationToken ct = default)
    {
        var events = await ReadAllAsync(afterPosition, maxCount, ct).ConfigureAwait(false);
        var page = reuse ?? new EventPage();
        page.Clear(afterPosition);
        foreach (var e in events) page.Add(e);
        page.Complete(events.Count < maxCount);
        return page;
    }

    /// <summary>The names of all streams, in order of creation.</summary>
    Task<IReadOnlyList<StreamName>> ListStreamsAsync(CancellationToken ct = default);

    /// <summary>The highest global position (0 when empty).</summary>
    Task<long> LastPositionAsync(CancellationToken ct = default);
}

/// <summary>A store that reads and writes events and keeps snapshots.</summary>
public interface IEventStore : IEventReader, IEventWriter, Snapshots.ISnapshotStore;
