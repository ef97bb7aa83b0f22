namespace TmuxAgent.Replay.Summary;

/// <summary>
/// One branch's queue and pending confirmations, followed through the four original event shapes:
/// a command leaves the queue by its queue id (or, without one, a <c>queued</c> command by its text);
/// a confirmation answers the pending command it names by command id, else by text.
/// </summary>
internal sealed class OutstandingWork
{
    public List<EventRecord> Queue { get; } = [];
    public List<EventRecord> Pending { get; } = [];

    public void Apply(in EventRecord r)
    {
        switch (r.Event)
        {
            case EventIds.Queued: Queue.Add(r); break;
            case EventIds.Pending: Pending.Add(r); break;
            case EventIds.Command:
                if (Has(r, RecordFlags.HasQueueId)) RemoveFirst(Queue, r.QueueId, static x => Has(x, RecordFlags.HasQueueId) ? x.QueueId : null);
                else if (Has(r, RecordFlags.QueuedTruthy) && Has(r, RecordFlags.HasText)) RemoveFirst(Queue, r.Text, static x => Has(x, RecordFlags.HasText) ? x.Text : null);
                break;
            case EventIds.Confirmation:
                if (Has(r, RecordFlags.HasCommandId)) RemoveFirst(Pending, r.CommandId, static x => Has(x, RecordFlags.HasCommandId) ? x.CommandId : null);
                else if (Has(r, RecordFlags.HasText)) RemoveFirst(Pending, r.Text, static x => Has(x, RecordFlags.HasText) ? x.Text : null);
                break;
        }
    }

    private static bool Has(in EventRecord r, RecordFlags f) => (r.Flags & f) != 0;

    private static void RemoveFirst(List<EventRecord> list, UInt128 key, Func<EventRecord, UInt128?> keyOf)
    {
        for (var i = 0; i < list.Count; i++)
            if (keyOf(list[i]) == key) { list.RemoveAt(i); return; }
    }
}
