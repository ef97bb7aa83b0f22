namespace TmuxAgent.Core.Projections.Replay;

/// <summary>
/// The original replay's queue depth, the one rule every source and every figure uses: +1 on <c>queued</c> and
/// <c>pending_confirmation</c> (tracking a queue id they carry); −1, never below 0, on a <c>confirmation</c>, on a
/// <c>command</c> whose queue id is tracked (the id is then forgotten), and on any other <c>command</c> whose top-level
/// <c>queued</c> is truthy — also when it carries a queue id never seen, whose <c>queued</c> line lay before the window.
/// </summary>
internal sealed class QueueDepth
{
    private long _depth;

    /// <summary>The queue ids seen queued or pending and not drained yet.</summary>
    public KeySet Tracked { get; } = new();

    /// <summary>The highest depth so far.</summary>
    public long Max { get; private set; }

    public void Apply(in ReplayRecord r)
    {
        switch (r.Event)
        {
            case ReplayEventIds.Queued or ReplayEventIds.Pending:
                _depth++;
                if (r.Has(ReplayRecordFlags.HasQueueId)) Tracked.Add(r.QueueId);
                break;
            case ReplayEventIds.Confirmation:
                _depth = Math.Max(0, _depth - 1);
                break;
            case ReplayEventIds.Command:
                if (r.Has(ReplayRecordFlags.HasQueueId) && Tracked.Remove(r.QueueId) || r.Has(ReplayRecordFlags.QueuedTruthy))
                    _depth = Math.Max(0, _depth - 1);
                break;
        }
        Max = Math.Max(Max, _depth);
    }
}
