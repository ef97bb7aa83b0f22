namespace TmuxAgent.Replay.Summary;

/// <summary>What the summary keeps of one parsed line (about 90 bytes); the text is re-read from the file when printed.</summary>
internal struct EventRecord
{
    public int Event;        // index in the event name table
    public int Branch;       // index in the branch table, -1 without a branch
    public double Ts;        // NaN: no time
    public RecordFlags Flags;
    public UInt128 QueueId;
    public UInt128 CommandId;
    public UInt128 Text;     // payload.text, or the confirmation's "command"
    public long Offset;      // the line in the file (or in the source buffer)
    public int Length;
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

/// <summary>The fixed indexes of the original's four event names in every <see cref="NameTable"/> of events.</summary>
internal static class EventIds
{
    public const int Queued = 0, Command = 1, Pending = 2, Confirmation = 3;

    public static NameTable NewTable()
    {
        var t = new NameTable();
        t.Id("queued"); t.Id("command"); t.Id("pending_confirmation"); t.Id("confirmation");
        return t;
    }
}
