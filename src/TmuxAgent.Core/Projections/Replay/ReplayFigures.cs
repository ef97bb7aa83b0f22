namespace TmuxAgent.Core.Projections.Replay;

/// <summary>
/// What <see cref="ReplayProjection"/> folded: the original replay's figures and this project's outstanding work.
/// Texts are not kept: <see cref="LastCommand"/>, <see cref="LastSummary"/> and the outstanding records carry a <see cref="ReplayRecord.Locator"/>
/// by which the source reads a text again when it prints one.
/// </summary>
public sealed record ReplayFigures
{
    /// <summary>Events folded (after the filter).</summary>
    public long Events { get; init; }

    /// <summary>Events by name (missing: <c>unknown</c>), sorted by name; names with no event are left out.</summary>
    public required IReadOnlyList<KeyValuePair<string, long>> Counts { get; init; }

    /// <summary>The first event's time (events without one are not in the span).</summary>
    public double? FirstTs { get; init; }

    /// <summary>The last event's time.</summary>
    public double? LastTs { get; init; }

    /// <summary>The last <c>command</c> that has a text.</summary>
    public ReplayRecord? LastCommand { get; init; }

    /// <summary>The last <c>summary</c> event (its text, the top-level <c>summary</c>, is read again by the source; the
    /// original prints it only when it is truthy).</summary>
    public ReplayRecord? LastSummary { get; init; }

    /// <summary>The highest queue depth (<see cref="QueueDepth"/>'s rule).</summary>
    public long MaxQueueDepth { get; init; }

    /// <summary>Branches with commands still queued or waiting for approval at the end, sorted by name.</summary>
    public required IReadOnlyList<BranchOutstandingRecords> Outstanding { get; init; }

    /// <summary>Per-branch activity (only when the projection was asked for it), sorted by name; branch null for events without one.</summary>
    public required IReadOnlyList<BranchActivity> Branches { get; init; }

    /// <summary>Last minus first time; 0 without a span.</summary>
    public double Duration => FirstTs is { } a && LastTs is { } b ? b - a : 0;
}

/// <summary>One branch's queued and pending commands at the end, oldest first.</summary>
/// <param name="Branch">The branch.</param>
/// <param name="Queued">Still queued.</param>
/// <param name="Pending">Still waiting for approval.</param>
public sealed record BranchOutstandingRecords(string Branch, IReadOnlyList<ReplayRecord> Queued, IReadOnlyList<ReplayRecord> Pending);

/// <summary>What a drill compares of one branch: its commands, confirmations and queue depth (per branch).</summary>
/// <param name="Branch">The branch; null for events without one.</param>
/// <param name="Commands">Every <c>command</c>, in order.</param>
/// <param name="Approved">Every confirmation that is not denied, in order.</param>
/// <param name="Denied">Every denied confirmation, in order.</param>
/// <param name="Requested">Number of <c>pending_confirmation</c> events.</param>
/// <param name="Queued">Number of <c>queued</c> events.</param>
/// <param name="MaxQueueDepth">The branch's own highest queue depth.</param>
public sealed record BranchActivity(string? Branch, IReadOnlyList<ReplayRecord> Commands, IReadOnlyList<ReplayRecord> Approved,
    IReadOnlyList<ReplayRecord> Denied, long Requested, long Queued, long MaxQueueDepth);
