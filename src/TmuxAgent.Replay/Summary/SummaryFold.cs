using TmuxAgent.Core.Audit;
using TmuxAgent.Core.Projections.Replay;

namespace TmuxAgent.Replay.Summary;

/// <summary>
/// Feeds scanned chunks, in file order, to Core's <see cref="ReplayProjection"/> (which holds every fold rule) and keeps
/// what only a file has: skipped lines, numbered across chunks.
/// </summary>
internal sealed class SummaryFold(ReplayFilter filter, bool perBranch = false)
{
    private readonly long[] _skipCounts = new long[Enum.GetValues<SkipReason>().Length];
    private readonly List<SkippedLine> _skipped = [];
    private long _linesBefore, _expectedBytes;

    public ReplayProjection Projection { get; } = new(filter, perBranch);

    /// <summary>The size of the whole input: the first chunk then sizes the queue-id set for all of it.</summary>
    public void Expect(long bytes) => _expectedBytes = bytes;

    /// <summary>Skipped line numbers are relative to the chunk; with <paramref name="numberedFromEnd"/> they are kept as given.</summary>
    public void Add(ScanChunk chunk, bool numberedFromEnd = false)
    {
        if (_expectedBytes > 0 && chunk.Bytes > 0) ReserveFor(chunk);
        var eventIds = chunk.Events.Names.Select(Projection.Events.Id).ToArray();
        var branchIds = chunk.Branches.Names.Select(Projection.Branches.Id).ToArray();
        Projection.Fold(chunk.Records.Span, eventIds, branchIds);
        for (var i = 0; i < _skipCounts.Length; i++) _skipCounts[i] += chunk.SkipCounts[i];
        foreach (var s in chunk.Skipped) _skipped.Add(numberedFromEnd ? s : s with { LineNumber = s.LineNumber + _linesBefore });
        _linesBefore += chunk.Lines;
    }

    /// <summary>Sizes the queue-id set from the first chunk's share of ids (a quarter more, to be safe; at most 4M ids
    /// ahead, a 64 MB table, so an unusual first chunk cannot claim much memory; beyond that the set grows as it fills).</summary>
    private void ReserveFor(ScanChunk chunk)
    {
        var ids = 0;
        foreach (ref readonly var r in chunk.Records.Span)
            if (r.Has(ReplayRecordFlags.HasQueueId) && r.Event is ReplayEventIds.Queued or ReplayEventIds.Pending) ids++;
        Projection.ReserveQueueIds((int)Math.Min(1 << 22, ids * 1.25 * _expectedBytes / chunk.Bytes));
        _expectedBytes = 0;
    }

    /// <summary>The summary of what was folded; <paramref name="textAt"/> reads the text of a record again (last command,
    /// outstanding work) — for outstanding work only of the first <paramref name="textsPerList"/> of each list (all when
    /// null): the text summary prints no more. The others keep their time, without text.</summary>
    public ReplaySummary Result(string log, Func<ReplayRecord, string?> textAt, bool showSkipped, bool numberedFromEnd, int? textsPerList = null) =>
        ReplaySummary.Of(Projection.Figures(), log, filter.Branch, textAt, textsPerList) with
        {
            LinesRead = _linesBefore,
            SkippedByReason = Enum.GetValues<SkipReason>().Where(r => _skipCounts[(int)r] > 0).ToDictionary(r => r, r => _skipCounts[(int)r]),
            SkippedLines = showSkipped ? (numberedFromEnd ? _skipped.OrderByDescending(s => s.LineNumber).ToList() : _skipped) : [],
            LineNumbersFromEnd = numberedFromEnd,
        };
}
