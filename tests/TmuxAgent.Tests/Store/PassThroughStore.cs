using TmuxAgent.Core.Store;
using TmuxAgent.Core.Store.Snapshots;

namespace TmuxAgent.Tests.Store;

/// <summary>An event store that hands every call to <paramref name="inner"/>: a test wrapper derives from it and overrides
/// only the members it changes (a refused append, a racing writer, …).</summary>
public abstract class PassThroughStore(IEventStore inner) : IEventStore
{
    /// <summary>The store every call goes to.</summary>
    protected IEventStore Inner { get; } = inner;

    public virtual Task<AppendResult> AppendAsync(StreamName stream, ExpectedVersion expected, IReadOnlyList<NewStreamEvent> events, CancellationToken ct = default) =>
        Inner.AppendAsync(stream, expected, events, ct);

    public virtual Task<IReadOnlyList<AppendResult>> AppendManyAsync(IReadOnlyList<StreamAppend> appends, CancellationToken ct = default) =>
        Inner.AppendManyAsync(appends, ct);

    public virtual Task<IReadOnlyList<StoredEvent>> ReadStreamAsync(StreamName stream, long fromVersion = 0, int maxCount = int.MaxValue, CancellationToken ct = default) =>
        Inner.ReadStreamAsync(stream, fromVersion, maxCount, ct);

    public virtual Task<IReadOnlyList<StoredEvent>> ReadStreamBackwardAsync(StreamName stream, long? beforePosition, int maxCount,
        IReadOnlyCollection<string>? eventTypes = null, CancellationToken ct = default) =>
        Inner.ReadStreamBackwardAsync(stream, beforePosition, maxCount, eventTypes, ct);

    public virtual Task<IReadOnlyList<StoredEvent>> ReadAllAsync(long afterPosition = 0, int maxCount = 4096, CancellationToken ct = default) =>
        Inner.ReadAllAsync(afterPosition, maxCount, ct);

    public virtual ValueTask<EventPage> ReadPageAsync(long afterPosition, int maxCount, EventPage? reuse = null, CancellationToken ct = default) =>
        Inner.ReadPageAsync(afterPosition, maxCount, reuse, ct);

    public virtual Task<IReadOnlyList<StreamName>> ListStreamsAsync(CancellationToken ct = default) => Inner.ListStreamsAsync(ct);

    public virtual Task<long> LastPositionAsync(CancellationToken ct = default) => Inner.LastPositionAsync(ct);

    public virtual Task SaveSnapshotAsync(StoredSnapshot snapshot, CancellationToken ct = default) => Inner.SaveSnapshotAsync(snapshot, ct);

    public virtual Task<StoredSnapshot?> LoadSnapshotAsync(string name, CancellationToken ct = default) => Inner.LoadSnapshotAsync(name, ct);

    public virtual Task<IReadOnlyList<StoredSnapshot>> LoadSnapshotsAsync(string prefix, CancellationToken ct = default) => Inner.LoadSnapshotsAsync(prefix, ct);
}
