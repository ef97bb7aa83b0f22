namespace TmuxAgent.Core.Store;

/// <summary>Reads events back.</summary>
public interface IEventReader
{
    /// <summary>Up to <paramref name="maxCount"/> events of one stream from version <paramref name="fromVersion"/>, in order; empty for no stream.</summary>
    Task<IReadOnlyList<StoredEvent>> ReadStreamAsync(StreamName stream, long fromVersion = 0, int maxCount = int.MaxValue, CancellationToken ct = default);

    /// <summary>Up to <paramref name="maxCount"/> events of all streams with a global position greater than <paramref name="afterPosition"/>, in global order.</summary>
    Task<IReadOnlyList<StoredEvent>> ReadAllAsync(long afterPosition = 0, int maxCount = 4096, CancellationToken ct = default);

    /// <summary>The names of all streams, in order of creation.</summary>
    Task<IReadOnlyList<StreamName>> ListStreamsAsync(CancellationToken ct = default);

    /// <summary>The highest global position (0 when empty).</summary>
    Task<long> LastPositionAsync(CancellationToken ct = default);
}

/// <summary>A store that reads and writes.</summary>
public interface IEventStore : IEventReader, IEventWriter;
