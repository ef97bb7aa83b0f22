namespace TmuxAgent.Core.Projections.Replay;

/// <summary>
/// One branch's queue and pending confirmations, followed through the four original event shapes:
/// a command leaves the queue by its queue id (or, without one, a <c>queued</c> command by its text);
/// a confirmation answers the pending command it names by command id, else by text.
/// </summary>
internal sealed class OutstandingWork
{
    public KeyedQueue Queue { get; } = new(r => r.Has(ReplayRecordFlags.HasQueueId) ? r.QueueId : null);
    public KeyedQueue Pending { get; } = new(r => r.Has(ReplayRecordFlags.HasCommandId) ? r.CommandId : null);

    public void Apply(in ReplayRecord r)
    {
        switch (r.Event)
        {
            case ReplayEventIds.Queued: Queue.Add(r); break;
            case ReplayEventIds.Pending: Pending.Add(r); break;
            case ReplayEventIds.Command:
                if (r.Has(ReplayRecordFlags.HasQueueId)) Queue.RemoveById(r.QueueId);
                else if (r.Has(ReplayRecordFlags.QueuedTruthy) && r.Has(ReplayRecordFlags.HasText)) Queue.RemoveByText(r.Text);
                break;
            case ReplayEventIds.Confirmation:
                if (r.Has(ReplayRecordFlags.HasCommandId)) Pending.RemoveById(r.CommandId);
                else if (r.Has(ReplayRecordFlags.HasText)) Pending.RemoveByText(r.Text);
                break;
        }
    }
}
