using TmuxAgent.Core.Audit;
using TmuxAgent.Core.Projections.Replay;

namespace TmuxAgent.Replay.Summary;

/// <summary>The input adapter from audit lines to <see cref="ReplayRecord"/>s: the records and skipped lines of one stretch
/// of a log, with its own name tables (mapped to the projection's when folded). Dispose it once folded: its records go
/// back to the pool.</summary>
internal sealed class ScanChunk : IDisposable
{
    public NameTable Events { get; } = ReplayEventIds.NewTable();
    public NameTable Branches { get; } = new();
    public RecordBuffer Records { get; }
    public List<SkippedLine> Skipped { get; } = [];
    public long Lines { get; set; }
    public long Bytes { get; set; }

    private readonly LineScanner _scanner;
    private readonly bool _keepSkipped;
    private readonly long[] _skipCounts = new long[Enum.GetValues<SkipReason>().Length];

    /// <param name="expectedRecords">A first guess of the records to hold (the buffer grows beyond it).</param>
    public ScanChunk(LineScanner scanner, bool keepSkipped, int expectedRecords = 1024)
    {
        Records = new RecordBuffer(expectedRecords);
        _scanner = scanner;
        _keepSkipped = keepSkipped;
    }

    /// <summary>Skipped lines by reason.</summary>
    public IReadOnlyList<long> SkipCounts => _skipCounts;

    /// <summary>Reads one line: a record, or a skipped line. Returns whether it was an event.</summary>
    public bool Add(LineSpan span, ReadOnlySpan<byte> bytes)
    {
        Lines++;
        if (span.TooLong)
        {
            Skip(span, SkipReason.TooLong, $"{span.Length} bytes");
            return false;
        }
        var reason = _scanner.Scan(bytes, out var f, out var detail);
        if (reason is { } r)
        {
            Skip(span, span.Terminated || r == SkipReason.Blank ? r : SkipReason.TornLastLine, detail);
            return false;
        }
        var rec = new ReplayRecord
        {
            Event = f.HasEvent ? Events.Id(_scanner.Get(f.Event, bytes)) : Events.Id(LineRules.UnknownEvent),
            Branch = f.HasBranch ? Branches.Id(_scanner.Get(f.Branch, bytes)) : -1,
            Ts = f.Ts,
            Locator = span.Offset,
            Length = (int)span.Length,
        };
        if (f.QueuedTruthy) rec.Flags |= ReplayRecordFlags.QueuedTruthy;
        if (f.DryRun) rec.Flags |= ReplayRecordFlags.DryRun;
        if (rec.Event == ReplayEventIds.Confirmation && _scanner.Get(f.Status, bytes).SequenceEqual("denied"u8)) rec.Flags |= ReplayRecordFlags.Denied;
        // The keys are fingerprinted only where the fold reads them (QueueDepth, OutstandingWork): queue ids of
        // queued, pending and command lines; command ids of pending and confirmation lines; texts of all four, except
        // a command's that leaves the queue by its queue id.
        var ev = rec.Event;
        if (f.HasQueueId)
        {
            rec.Flags |= ReplayRecordFlags.HasQueueId;
            if (ev <= ReplayEventIds.Pending) rec.QueueId = Utf8Key.Of(_scanner.Get(f.QueueId, bytes));
        }
        if (f.HasCommandId)
        {
            rec.Flags |= ReplayRecordFlags.HasCommandId;
            if (ev is ReplayEventIds.Pending or ReplayEventIds.Confirmation) rec.CommandId = Utf8Key.Of(_scanner.Get(f.CommandId, bytes));
        }
        if (ev == ReplayEventIds.Confirmation ? f.HasConfirmedText : f.HasPayloadText)
        {
            rec.Flags |= ReplayRecordFlags.HasText;
            if (ev <= ReplayEventIds.Confirmation && (ev != ReplayEventIds.Command || !f.HasQueueId))
                rec.Text = Utf8Key.Of(_scanner.Get(ev == ReplayEventIds.Confirmation ? f.ConfirmedText : f.PayloadText, bytes));
        }
        Records.Add(rec);
        return true;
    }

    public void Dispose() => Records.Dispose();

    private void Skip(LineSpan span, SkipReason reason, string? detail)
    {
        _skipCounts[(int)reason]++;
        if (_keepSkipped) Skipped.Add(new SkippedLine(reason, detail, span.Terminated) { LineNumber = span.Number, Offset = span.Offset });
    }
}
