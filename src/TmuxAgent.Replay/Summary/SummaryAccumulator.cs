using TmuxAgent.Core.Audit;

namespace TmuxAgent.Replay.Summary;

/// <summary>
/// Folds scanned chunks, in file order, into the original replay's figures (counts, time span, last command,
/// max queue depth with its exact rules) and this project's additions (skipped lines, outstanding work).
/// </summary>
internal sealed class SummaryAccumulator
{
    /// <summary>Records whose queue-id slots are loaded before they are folded: small enough that the slots are still
    /// cached when the fold reaches them (a whole chunk's were evicted again), big enough to overlap the misses.</summary>
    private const int WarmBatch = 512;
    private readonly SummaryFilter _filter;
    private readonly NameTable _events = EventIds.NewTable();
    private readonly NameTable _branches = new();
    private readonly List<long> _counts = [];
    private readonly KeySet _seenQueueIds = new();
    private readonly List<OutstandingWork?> _work = []; // by branch id
    private readonly long[] _skipCounts = new long[Enum.GetValues<SkipReason>().Length];
    private readonly List<SkippedLine> _skipped = [];
    private readonly int _branchFilterId;
    private long _eventCount, _depth, _maxDepth, _linesBefore, _expectedBytes;
    private double _first = double.NaN, _last = double.NaN;
    private EventRecord? _lastCommand;
    private EventRecord? _lastSummary;

    public SummaryAccumulator(SummaryFilter filter)
    {
        _filter = filter;
        _branchFilterId = filter.Branch is null ? -2 : _branches.Id(filter.Branch);
    }

    /// <summary>The size of the whole input: the first chunk then sizes the queue-id set for all of it.</summary>
    public void Expect(long bytes) => _expectedBytes = bytes;

    /// <summary>Skipped line numbers are relative to the chunk; with <paramref name="numberedFromEnd"/> they are kept as given.</summary>
    public void Add(ScanChunk chunk, bool numberedFromEnd = false)
    {
        if (_expectedBytes > 0 && chunk.Bytes > 0) ReserveFor(chunk);
        var eventMap = chunk.Events.Names.Select(_events.Id).ToArray();
        var branchMap = chunk.Branches.Names.Select(_branches.Id).ToArray();
        var records = chunk.Records.Span;
        for (var start = 0; start < records.Length; start += WarmBatch)
        {
            // Load a batch's queue-id slots first (their cache misses overlap), then fold it while they are still cached.
            var batch = records.Slice(start, Math.Min(WarmBatch, records.Length - start));
            _seenQueueIds.Warm(batch);
            foreach (var r in batch)
            {
                var rec = r;
                rec.Event = eventMap[rec.Event];
                rec.Branch = rec.Branch < 0 ? -1 : branchMap[rec.Branch];
                Apply(rec);
            }
        }
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
            if (r.Has(RecordFlags.HasQueueId) && r.Event is EventIds.Queued or EventIds.Pending) ids++;
        _seenQueueIds.Reserve((int)Math.Min(1 << 22, ids * 1.25 * _expectedBytes / chunk.Bytes));
        _expectedBytes = 0;
    }

    private void Apply(in EventRecord r)
    {
        if (_branchFilterId != -2 && r.Branch != _branchFilterId) return;
        if (_filter.HasWindow && !_filter.InWindow(r.Ts)) return;
        _eventCount++;
        while (_counts.Count <= r.Event) _counts.Add(0);
        _counts[r.Event]++;
        if (!double.IsNaN(r.Ts))
        {
            if (double.IsNaN(_first)) _first = r.Ts;
            _last = r.Ts;
        }
        if (r.Event == EventIds.Command && (r.Flags & RecordFlags.HasText) != 0) _lastCommand = r;
        if (r.Event == EventIds.Summary) _lastSummary = r;
        QueueDepth(r);
        if (r.Branch >= 0 && r.Event <= EventIds.Confirmation)
        {
            while (_work.Count <= r.Branch) _work.Add(null);
            (_work[r.Branch] ??= new OutstandingWork()).Apply(r);
        }
    }

    /// <summary>+1 on queued and pending; −1 (never below 0) on a confirmation, and on a command whose queue id was
    /// seen queued or pending (without a queue id: one marked <c>queued</c>).</summary>
    private void QueueDepth(in EventRecord r)
    {
        switch (r.Event)
        {
            case EventIds.Queued or EventIds.Pending:
                _depth++;
                if (r.Has(RecordFlags.HasQueueId)) _seenQueueIds.Add(r.QueueId);
                break;
            case EventIds.Confirmation:
                _depth = Math.Max(0, _depth - 1);
                break;
            case EventIds.Command:
                var drains = r.Has(RecordFlags.HasQueueId) ? _seenQueueIds.Contains(r.QueueId) : r.Has(RecordFlags.QueuedTruthy);
                if (drains) _depth = Math.Max(0, _depth - 1);
                break;
        }
        _maxDepth = Math.Max(_maxDepth, _depth);
    }

    /// <summary>Offsets of the lines whose text the result needs (last command, last summary, outstanding work).</summary>
    public IEnumerable<long> TextLocators()
    {
        if (_lastCommand is { } c) yield return c.Offset;
        if (_lastSummary is { } s) yield return s.Offset;
        foreach (var w in _work.OfType<OutstandingWork>())
        foreach (var r in w.Queue.Items.Concat(w.Pending.Items)) yield return r.Offset;
    }

    /// <summary>The event id of the record at <paramref name="offset"/> among those of <see cref="TextLocators"/>.</summary>
    public int EventOf(long offset) =>
        _lastCommand is { } c && c.Offset == offset ? c.Event
        : _lastSummary is { } s && s.Offset == offset ? s.Event
        : _work.OfType<OutstandingWork>().SelectMany(w => w.Queue.Items.Concat(w.Pending.Items)).First(r => r.Offset == offset).Event;

    /// <summary>The result; <paramref name="textAt"/> re-reads the text of a line (last command, outstanding work) —
    /// for outstanding work only of the first <paramref name="textsPerList"/> of each list (all when null): the text
    /// summary prints no more, and re-reading the texts of thousands of outstanding commands would take longer than
    /// the parallel scan. The others keep their time, without text.</summary>
    public ReplaySummary Result(string log, Func<EventRecord, string?> textAt, bool showSkipped, bool numberedFromEnd, int? textsPerList = null) => new()
    {
        Log = log,
        Branch = _filter.Branch,
        Events = _eventCount,
        Counts = _counts.Select((n, i) => KeyValuePair.Create(_events.Names[i], n)).Where(kv => kv.Value > 0)
            .OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList(),
        FirstTs = double.IsNaN(_first) ? null : _first,
        LastTs = double.IsNaN(_last) ? null : _last,
        LastCommand = _lastCommand is { } c ? textAt(c) : null,
        LastSummary = _lastSummary is { } s ? textAt(s) : null,
        MaxQueueDepth = _maxDepth,
        LinesRead = _linesBefore,
        SkippedByReason = Enum.GetValues<SkipReason>().Where(r => _skipCounts[(int)r] > 0).ToDictionary(r => r, r => _skipCounts[(int)r]),
        SkippedLines = showSkipped ? (numberedFromEnd ? _skipped.OrderByDescending(s => s.LineNumber).ToList() : _skipped) : [],
        LineNumbersFromEnd = numberedFromEnd,
        Outstanding = _work.Select((w, branch) => (w, branch)).Where(x => x.w is { } w && w.Queue.Count + w.Pending.Count > 0)
            .Select(x => new BranchOutstanding(_branches.Names[x.branch],
                x.w!.Queue.Items.Select((r, i) => new OutstandingCommand(i < (textsPerList ?? int.MaxValue) ? textAt(r) : null, Time(r.Ts))).ToList(),
                x.w.Pending.Items.Select((r, i) => new OutstandingCommand(i < (textsPerList ?? int.MaxValue) ? textAt(r) : null, Time(r.Ts))).ToList()))
            .OrderBy(b => b.Branch, StringComparer.Ordinal).ToList(),
    };

    private static double? Time(double ts) => double.IsNaN(ts) ? null : ts;
}
