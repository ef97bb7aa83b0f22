namespace TmuxAgent.Core.Projections.Timeline;

/// <summary>
/// One line of a branch's story (<see cref="BranchTimeline"/>): a decision with what it proposed, a command with every state
/// it went through, or a single fact (phase change, blocker, summary, stuck check, plan). Fields that do not apply to
/// <see cref="Kind"/> are null.
/// </summary>
public sealed record TimelineEntry
{
    /// <summary>One of <see cref="TimelineKinds"/>.</summary>
    public required string Kind { get; init; }

    /// <summary>Global store position of the newest event in the entry (entries are ordered by it, newest first).</summary>
    public required long Position { get; init; }

    /// <summary>Time of the newest event in the entry.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>Stored type names of the entry's events, oldest first.</summary>
    public required IReadOnlyList<string> Events { get; init; }

    /// <summary>A decision's id.</summary>
    public string? DecisionId { get; init; }

    /// <summary>The decision's summary.</summary>
    public string? Summary { get; init; }

    /// <summary>Seconds the decision source took (for repeated answers, their mean).</summary>
    public double? LatencySeconds { get; init; }

    /// <summary>How many unchanged answers a <c>repeated</c> decision entry stands for (<c>decisions_repeated</c>).</summary>
    public int? Count { get; init; }

    /// <summary>What the decision proposed (each command as an operator sees it: text, then keys).</summary>
    public IReadOnlyList<string>? Proposed { get; init; }

    /// <summary>Whether the decision asked for a human's approval of all its commands.</summary>
    public bool? RequiresConfirmation { get; init; }

    /// <summary>The phase the decision reported, or a phase change's new phase.</summary>
    public string? Phase { get; init; }

    /// <summary>A phase change's old phase.</summary>
    public string? FromPhase { get; init; }

    /// <summary>Blockers the decision reported, or the dependencies a blocked branch waits for.</summary>
    public IReadOnlyList<string>? Blockers { get; init; }

    /// <summary>A decision error's kind (<c>json_parse_error</c>, <c>timeout</c>, …).</summary>
    public string? ErrorKind { get; init; }

    /// <summary>Free text: an error's message, a stuck check's reason, why a branch was unblocked.</summary>
    public string? Message { get; init; }

    /// <summary>Decision errors in a row, for an error.</summary>
    public int? ConsecutiveFailures { get; init; }

    /// <summary>A command's id.</summary>
    public string? CommandId { get; init; }

    /// <summary>A command's text and keys as an operator sees it; null when none of its events on this page holds it.</summary>
    public string? Text { get; init; }

    /// <summary>A command's risk level.</summary>
    public string? RiskLevel { get; init; }

    /// <summary>A command's latest state (one of <see cref="CommandStates"/>), or a decision's (<c>requested</c>, <c>received</c>, <c>failed</c>, <c>repeated</c>).</summary>
    public string? State { get; init; }

    /// <summary>Every state a command went through, oldest first.</summary>
    public IReadOnlyList<CommandStep>? Steps { get; init; }

    /// <summary>A command's exit status, once completed.</summary>
    public int? ExitStatus { get; init; }

    /// <summary>Seconds from a command's dispatch to its exit status, when both are on the page.</summary>
    public double? DurationSeconds { get; init; }

    /// <summary>A notification the entry raised (the decision's <c>notify</c> text, or why one was sent).</summary>
    public string? Notification { get; init; }
}

/// <summary>One state of a command.</summary>
/// <param name="State">One of <see cref="CommandStates"/>.</param>
/// <param name="At">When.</param>
/// <param name="Position">The event's global store position.</param>
/// <param name="Who">Who approved or denied.</param>
/// <param name="Channel">Where (<c>portal</c>, <c>local_bus</c>, …).</param>
/// <param name="Comment">The approver's comment.</param>
/// <param name="Detail">Why it waits, was dropped or failed; how it was delivered; the stall count.</param>
public sealed record CommandStep(string State, DateTimeOffset At, long Position, string? Who = null, string? Channel = null, string? Comment = null, string? Detail = null);

/// <summary>The states a command goes through on the timeline.</summary>
public static class CommandStates
{
    /// <summary>Waits in the queue.</summary>
    public const string Queued = "queued";
    /// <summary>Waits for a human.</summary>
    public const string Pending = "pending";
    /// <summary>A human approved it.</summary>
    public const string Approved = "approved";
    /// <summary>A human denied it.</summary>
    public const string Denied = "denied";
    /// <summary>Typed into the pane (or only recorded, dry-run).</summary>
    public const string Dispatched = "dispatched";
    /// <summary>Seen in the pane.</summary>
    public const string Delivered = "delivered";
    /// <summary>An agent did not take it.</summary>
    public const string NotSubmitted = "not_submitted";
    /// <summary>Could not be delivered.</summary>
    public const string Failed = "failed";
    /// <summary>Finished with an exit status.</summary>
    public const string Completed = "completed";
    /// <summary>Not taken.</summary>
    public const string Dropped = "dropped";
    /// <summary>Ran past the stall timeout.</summary>
    public const string Stalled = "stalled";
}
