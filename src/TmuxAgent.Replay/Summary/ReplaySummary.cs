using TmuxAgent.Core.Audit;
using TmuxAgent.Core.Projections.Replay;

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

    /// <summary>The summary of <paramref name="f"/>, texts read through <paramref name="textAt"/> (for outstanding work
    /// only the first <paramref name="textsPerList"/> of each list; all when null); no skipped lines.</summary>
    public static ReplaySummary Of(ReplayFigures f, string log, string? branch, Func<ReplayRecord, string?> textAt, int? textsPerList = null) => new()
    {
        Log = log,
        Branch = branch,
        Events = f.Events,
        Counts = f.Counts,
        FirstTs = f.FirstTs,
        LastTs = f.LastTs,
        LastCommand = f.LastCommand is { } c ? textAt(c) : null,
        LastSummary = f.LastSummary is { } s ? textAt(s) : null,
        MaxQueueDepth = f.MaxQueueDepth,
        SkippedByReason = new Dictionary<SkipReason, long>(),
        SkippedLines = [],
        Outstanding = f.Outstanding.Select(b => new BranchOutstanding(b.Branch, Texts(b.Queued, textAt, textsPerList), Texts(b.Pending, textAt, textsPerList))).ToList(),
    };

    private static List<OutstandingCommand> Texts(IReadOnlyList<ReplayRecord> records, Func<ReplayRecord, string?> textAt, int? textsPerList) =>
        records.Select((r, i) => new OutstandingCommand(i < (textsPerList ?? int.MaxValue) ? textAt(r) : null, double.IsNaN(r.Ts) ? null : r.Ts)).ToList();
    public double Duration => FirstTs is { } a && LastTs is { } b ? b - a : 0;
}

/// <summary>Commands still queued or waiting for approval on one branch at the end of the replay.</summary>
internal sealed record BranchOutstanding(string Branch, IReadOnlyList<OutstandingCommand> Queued, IReadOnlyList<OutstandingCommand> Pending);

/// <summary>One outstanding command: its text (null when the line had none) and when it entered the queue or pending list.</summary>
internal sealed record OutstandingCommand(string? Text, double? Since);
