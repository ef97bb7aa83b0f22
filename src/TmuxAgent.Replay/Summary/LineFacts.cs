namespace TmuxAgent.Replay.Summary;

/// <summary>A string value: a slice of the line itself (<paramref name="InLine"/>: a string without escapes, found by the
/// fast path), or of the scanner's scratch buffer (unescaped by <see cref="System.Text.Json.Utf8JsonReader"/>).
/// Read it with <see cref="LineScanner.Get"/>.</summary>
internal readonly record struct Utf8Slice(int Start, int Length, bool InLine = false)
{
    public bool IsEmpty => Length == 0;
}

/// <summary>
/// The few facts the original replay reads from one line. String values are slices of the line or of the scanner's
/// scratch buffer, valid until its next <see cref="LineScanner.Scan"/>.
/// </summary>
internal struct LineFacts
{
    /// <summary>Unix seconds; NaN when missing, null or zero (counted, but not in the time span).</summary>
    public double Ts;
    public Utf8Slice Event;          // HasEvent false: "unknown"
    public bool HasEvent;
    public Utf8Slice Branch;
    public bool HasBranch;
    public bool QueuedTruthy;        // top-level "queued" is truthy
    public bool DryRun;              // top-level "dry_run" is truthy
    public Utf8Slice PayloadText;
    public bool HasPayloadText;
    public Utf8Slice QueueId;        // payload.meta.queue_id, non-empty string
    public bool HasQueueId;
    public Utf8Slice CommandId;      // payload.meta.command_id, or meta.command_id of a confirmation
    public bool HasCommandId;
    public Utf8Slice ConfirmedText;  // "command" of a confirmation
    public bool HasConfirmedText;
    public Utf8Slice Status;         // "status" of a confirmation
}
