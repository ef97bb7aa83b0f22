namespace TmuxAgent.Replay.Summary;

/// <summary>What the summary keeps of one parsed line (56 bytes); the text is re-read from the file when printed.</summary>
internal struct EventRecord
{
    /// <summary><c>payload.meta.queue_id</c>.</summary>
    public ulong QueueId;
    /// <summary><c>payload.meta.command_id</c>, or <c>meta.command_id</c> of a confirmation.</summary>
    public ulong CommandId;
    /// <summary><c>payload.text</c>, or the confirmation's <c>command</c>.</summary>
    public ulong Text;
    public double Ts;        // NaN: no time
    public long Offset;      // the line in the file (or the event's position in a store)
    public int Length;
    public int Event;        // index in the event name table
    public int Branch;       // index in the branch table, -1 without a branch
    public RecordFlags Flags;

    public readonly bool Has(RecordFlags f) => (Flags & f) != 0;
}

[Flags]
internal enum RecordFlags : byte
{
    None = 0,
    QueuedTruthy = 1,
    HasQueueId = 2,
    HasCommandId = 4,
    HasText = 8,
    DryRun = 16,
}

/// <summary>The fixed indexes of the original's four command event names, and of its <c>summary</c>, in every
/// <see cref="NameTable"/> of events.</summary>
internal static class EventIds
{
    public const int Queued = 0, Command = 1, Pending = 2, Confirmation = 3, Summary = 4;

    public static NameTable NewTable()
    {
        var t = new NameTable();
        t.Id("queued"); t.Id("command"); t.Id("pending_confirmation"); t.Id("confirmation"); t.Id("summary");
        return t;
    }
}
