namespace TmuxAgent.Replay.Summary;

/// <summary>
/// One branch's queue and pending confirmations, followed through the four original event shapes:
/// a command leaves the queue by its queue id (or, without one, a <c>queued</c> command by its text);
/// a confirmation answers the pending command it names by command id, else by text.
/// </summary>
internal sealed class OutstandingWork
{
    public KeyedQueue Queue { get; } = new(r => r.Has(RecordFlags.HasQueueId) ? r.QueueId : null);
    public KeyedQueue Pending { get; } = new(r => r.Has(RecordFlags.HasCommandId) ? r.CommandId : null);

    public void Apply(in EventRecord r)
    {
        switch (r.Event)
        {
            case EventIds.Queued: Queue.Add(r); break;
            case EventIds.Pending: Pending.Add(r); break;
            case EventIds.Command:
                if (r.Has(RecordFlags.HasQueueId)) Queue.RemoveById(r.QueueId);
                else if (r.Has(RecordFlags.QueuedTruthy) && r.Has(RecordFlags.HasText)) Queue.RemoveByText(r.Text);
                break;
            case EventIds.Confirmation:
                if (r.Has(RecordFlags.HasCommandId)) Pending.RemoveById(r.CommandId);
                else if (r.Has(RecordFlags.HasText)) Pending.RemoveByText(r.Text);
                break;
        }
    }
}
