using TmuxAgent.Core.Store;
using TmuxAgent.Core.Store.Snapshots;
using TmuxAgent.Tests.Store;

namespace TmuxAgent.Tests.Reliability;

/// <summary>An event store whose appends fail while <see cref="Fault"/> is set (as a full or read-only disk would make them).</summary>
public sealed class FaultyStore(IEventStore inner) : PassThroughStore(inner)
{
    public Exception? Fault { get; set; }
    public int RefusedAppends { get; private set; }

    private void Check()
    {
        if (Fault is null) return;
        RefusedAppends++;
        throw Fault;
    }

    public override Task<AppendResult> AppendAsync(StreamName stream, ExpectedVersion expected, IReadOnlyList<NewStreamEvent> events, CancellationToken ct = default)
    {
        Check();
        return base.AppendAsync(stream, expected, events, ct);
    }

    public override Task<IReadOnlyList<AppendResult>> AppendManyAsync(IReadOnlyList<StreamAppend> appends, CancellationToken ct = default)
    {
        Check();
        return base.AppendManyAsync(appends, ct);
    }

    public override Task SaveSnapshotAsync(StoredSnapshot snapshot, CancellationToken ct = default)
    {
        Check();
        return base.SaveSnapshotAsync(snapshot, ct);
    }
}
