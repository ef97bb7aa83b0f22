using TmuxAgent.Core.Store;

namespace TmuxAgent.Tests.Reliability;

/// <summary>An event store whose appends fail while <see cref="Fault"/> is set (as a full or read-only disk would make them).</summary>
public sealed class FaultyStore(IEventStore inner) : IEventStore
{
    public Exception? Fault { get; set; }
    public int RefusedAppends { get; private set; }

    private void Check()
    {
        if (Fault is null) return;
        RefusedAppends++;
        throw Fault;
    }

    public Task<AppendResult> AppendAsync(StreamName stream, ExpectedVersion expected, IReadOnlyList<NewStreamEvent> events, CancellationToken ct = default)
    {
        Check();
        return inner.AppendAsync(stream, expected, events, ct);
    }

    public Task<IReadOnlyList<AppendResult>> AppendManyAsync(IReadOnlyList<StreamAppend> appends, CancellationToken ct = default)
    {
        Check();
        return inner.AppendManyAsync(appends, ct);
    }

    public Task<IReadOnlyList<StoredEvent>> ReadStreamAsync(StreamName stream, long fromVersion = 0, int maxCount = int.MaxValue, CancellationToken ct = default) =>
        inner.ReadStreamAsync(stream, fromVersion, maxCount, ct);

    public Task<IReadOnlyList<StoredEvent>> ReadStreamBackwardAsync(StreamName stream, long? beforePosition, int maxCount, IReadOnlyCollection<string>? eventTypes = null, CancellationToken ct = default) =>
        inner.ReadStreamBackwardAsync(stream, beforePosition, maxCount, eventTypes, ct);
    public Task<IReadOnlyList<StoredEvent>> ReadAllAsync(long afterPosition = 0, int maxCount = 4096, CancellationToken ct = default) =>
        inner.ReadAllAsync(afterPosition, maxCount, ct);

    public Task<IReadOnlyList<StreamName>> ListStreamsAsync(CancellationToken ct = default) => inner.ListStreamsAsync(ct);

    public Task<long> LastPositionAsync(CancellationToken ct = default) => inner.LastPositionAsync(ct);

    public Task SaveSnapshotAsync(Core.Store.Snapshots.StoredSnapshot snapshot, CancellationToken ct = default)
    {
        Check();
        return inner.SaveSnapshotAsync(snapshot, ct);
    }

    public Task<Core.Store.Snapshots.StoredSnapshot?> LoadSnapshotAsync(string name, CancellationToken ct = default) => inner.LoadSnapshotAsync(name, ct);
    public Task<IReadOnlyList<Core.Store.Snapshots.StoredSnapshot>> LoadSnapshotsAsync(string prefix, CancellationToken ct = default) => inner.LoadSnapshotsAsync(prefix, ct);
}
