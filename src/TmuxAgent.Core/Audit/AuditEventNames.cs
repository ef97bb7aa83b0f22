namespace TmuxAgent.Core.Audit;

/// <summary>The <c>event</c> values of the original orchestrator's four line shapes.</summary>
public static class AuditEventNames
{
    /// <summary>A command waits in the queue (<c>payload</c> with <c>meta.queue_id</c>).</summary>
    public const string Queued = "queued";
    /// <summary>A command was sent (or, with <c>"dry_run": true</c>, only recorded).</summary>
    public const string Command = "command";
    /// <summary>A command waits for a human's approval.</summary>
    public const string PendingConfirmation = "pending_confirmation";
    /// <summary>A human approved or denied a pending command (<c>status</c>, <c>command</c>, <c>meta</c>).</summary>
    public const string Confirmation = "confirmation";
    /// <summary>The agent's summary of a finished turn (<c>summary</c>: the text); the replay prints the last one.</summary>
    public const string Summary = "summary";
}
