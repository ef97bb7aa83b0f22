using TmuxAgent.Core.Audit;

namespace TmuxAgent.Replay.Summary;

/// <summary>What a replay found: the original's figures plus skipped lines and the work left outstanding.</summary>
internal sealed record ReplaySummary
{
    public required string Log { get; init; }
    public string? Branch { get; init; }
    public long Events { get; init; }
    public required IReadOnlyList<KeyValuePair<string, long>> Counts { get; init; }
    public double? FirstTs { get; init; }
    public double? LastTs { get; init; }
    public string? LastCommand { get; init; }
    /// <summary>The top-level <c>summary</c> of the last <c>summary</c> event, as the original prints it (null: none, or not set).</summary>
    public string? LastSummary { get; init; }
    public long MaxQueueDepth { get; init; }
    public long LinesRead { get; init; }
    public required IReadOnlyDictionary<SkipReason, long> SkippedByReason { get; init; }
    public required IReadOnlyList<SkippedLine> SkippedLines { get; init; }
    /// <summary>True when skipped-line numbers count back from the end of the file (a <c>--limit</c> read of the tail).</summary>
    public bool LineNumbersFromEnd { get; init; }
    public required IReadOnlyList<BranchOutstanding> Outstanding { get; init; }

    public long SkippedTotal => SkippedByReason.Values.Sum();
    public double Duration => FirstTs is { } a && LastTs is { } b ? b - a : 0;
}

/// <summary>Commands still queued or waiting for approval on one branch at the end of the replay.</summary>
internal sealed record BranchOutstanding(string Branch, IReadOnlyList<OutstandingCommand> Queued, IReadOnlyList<OutstandingCommand> Pending);

/// <summary>One outstanding command: its text (null when the line had none) and when it entered the queue or pending list.</summary>
internal sealed record OutstandingCommand(string? Text, double? Since);
