namespace TmuxAgent.Core.Projections.Replay;

/// <summary>
/// The compact record <see cref="ReplayProjection"/> folds: what the replay figures need of one event, whatever it was
/// read from (an audit line, a stored event). 56 bytes, no references; texts and ids are <see cref="Utf8Key"/>
/// fingerprints, and <see cref="Locator"/> lets the source fetch a text again when a result prints it.
/// </summary>
public struct ReplayRecord
{
    /// <summary><c>payload.meta.queue_id</c> (a non-empty string), fingerprinted.</summary>
    public ulong QueueId;

    /// <summary><c>payload.meta.command_id</c>, or <c>meta.command_id</c> of a confirmation, fingerprinted.</summary>
    public ulong CommandId;

    /// <summary><c>payload.text</c>, or the confirmation's <c>command</c>, fingerprinted (a <c>summary</c>'s text is not
    /// fingerprinted: the source reads it again by <see cref="Locator"/>).</summary>
    public ulong Text;

    /// <summary>Unix seconds; NaN when the event has no time (missing, null or zero <c>ts</c>).</summary>
    public double Ts;

    /// <summary>Where the source finds the event again: a byte offset in a log file, a position in a store.</summary>
    public long Locator;

    /// <summary>The length of the line at <see cref="Locator"/> (0 when the source needs none).</summary>
    public int Length;

    /// <summary>The event name's id in the projection's <see cref="ReplayProjection.Events"/> (see <see cref="ReplayEventIds"/>).</summary>
    public int Event;

    /// <summary>The branch's id in the projection's <see cref="ReplayProjection.Branches"/>; -1 without a branch.</summary>
    public int Branch;

    /// <summary>What the event has and says.</summary>
    public ReplayRecordFlags Flags;

    /// <summary>True when any of <paramref name="f"/> is set.</summary>
    public readonly bool Has(ReplayRecordFlags f) => (Flags & f) != 0;
}

/// <summary>Facts of a <see cref="ReplayRecord"/>.</summary>
[Flags]
public enum ReplayRecordFlags : byte
{
    /// <summary>Nothing.</summary>
    None = 0,
    /// <summary>The top-level <c>queued</c> is truthy (Python truthiness).</summary>
    QueuedTruthy = 1,
    /// <summary><see cref="ReplayRecord.QueueId"/> is set (an empty queue id counts as none).</summary>
    HasQueueId = 2,
    /// <summary><see cref="ReplayRecord.CommandId"/> is set.</summary>
    HasCommandId = 4,
    /// <summary>The event has a text (<see cref="ReplayRecord.Text"/>).</summary>
    HasText = 8,
    /// <summary>The top-level <c>dry_run</c> is truthy.</summary>
    DryRun = 16,
    /// <summary>A confirmation whose <c>status</c> is <c>denied</c>.</summary>
    Denied = 32,
}

/// <summary>The fixed ids of the original's four command event names, and of its <c>summary</c>, in every event
/// <see cref="NameTable"/>.</summary>
public static class ReplayEventIds
{
    /// <summary><c>queued</c>.</summary>
    public const int Queued = 0;
    /// <summary><c>command</c>.</summary>
    public const int Command = 1;
    /// <summary><c>pending_confirmation</c>.</summary>
    public const int Pending = 2;
    /// <summary><c>confirmation</c>.</summary>
    public const int Confirmation = 3;
    /// <summary><c>summary</c> (an agent summary; its text is the top-level <c>summary</c>).</summary>
    public const int Summary = 4;

    /// <summary>A name table holding the five names at their fixed ids.</summary>
    public static NameTable NewTable()
    {
        var t = new NameTable();
        t.Id(Audit.AuditEventNames.Queued); t.Id(Audit.AuditEventNames.Command);
        t.Id(Audit.AuditEventNames.PendingConfirmation); t.Id(Audit.AuditEventNames.Confirmation);
        t.Id(Audit.AuditEventNames.Summary);
        return t;
    }
}
