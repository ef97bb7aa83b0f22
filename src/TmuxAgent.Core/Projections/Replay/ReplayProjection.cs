namespace TmuxAgent.Core.Projections.Replay;

/// <summary>
/// The replay's figures as a pure fold over <see cref="ReplayRecord"/>s, whatever their source (a JSONL log read by
/// the replay's scanners, an event store read page by page): event counts, time span, last command, last summary, max queue depth
/// (<see cref="QueueDepth"/>, the original's exact rule), the work left outstanding per branch and, when asked for,
/// each branch's own commands, confirmations and depth (what <c>compare</c> compares). Records come in source order;
/// the filter is applied here, after the source applied <c>--limit</c>.
/// </summary>
public sealed class ReplayProjection
{
    /// <summary>Records whose queue-id slots are loaded before they are folded: small enough that the slots are still
    /// cached when the fold reaches them, big enough to overlap the misses.</summary>
    private const int WarmBatch = 512;
    private readonly ReplayFilter _filter;
    private readonly int _branchFilterId;
    private readonly List<long> _counts = [];
    private readonly QueueDepth _depth = new();
    private readonly List<OutstandingWork?> _work = []; // by branch id
    private readonly Dictionary<int, BranchTrack>? _perBranch;
    private long _eventCount;
    private double _first = double.NaN, _last = double.NaN;
    private ReplayRecord? _lastCommand;
    private ReplayRecord? _lastSummary;

    /// <summary>A projection folding the events <paramref name="filter"/> lets through; with <paramref name="perBranch"/>
    /// it also keeps <see cref="ReplayFigures.Branches"/>.</summary>
    public ReplayProjection(ReplayFilter? filter = null, bool perBranch = false)
    {
        _filter = filter ?? new ReplayFilter();
        _branchFilterId = _filter.Branch is null ? -2 : Branches.Id(_filter.Branch);
        if (perBranch) _perBranch = [];
    }

    /// <summary>Event names by id; the original's four have the ids of <see cref="ReplayEventIds"/>.</summary>
    public NameTable Events { get; } = ReplayEventIds.NewTable();

    /// <summary>Branch names by id.</summary>
    public NameTable Branches { get; } = new();

    /// <summary>Makes room for about <paramref name="queueIds"/> tracked queue ids at once (a source that knows its size
    /// saves the set's rehashing).</summary>
    public void ReserveQueueIds(int queueIds) => _depth.Tracked.Reserve(queueIds);

    /// <summary>Folds <paramref name="records"/>, in order, whose event and branch ids are those of the source's own name
    /// tables: <paramref name="eventIds"/> and <paramref name="branchIds"/> map them to this projection's.</summary>
    public void Fold(ReadOnlySpan<ReplayRecord> records, ReadOnlySpan<int> eventIds, ReadOnlySpan<int> branchIds)
    {
        for (var start = 0; start < records.Length; start += WarmBatch)
        {
            // Load a batch's queue-id slots first (their cache misses overlap), then fold it while they are still cached.
            var batch = records.Slice(start, Math.Min(WarmBatch, records.Length - start));
            _depth.Tracked.Warm(batch);
            foreach (var r in batch)
            {
                var rec = r;
                rec.Event = eventIds[rec.Event];
                rec.Branch = rec.Branch < 0 ? -1 : branchIds[rec.Branch];
                Apply(rec);
            }
        }
    }

    /// <summary>Folds one record whose ids are this projection's (<see cref="Events"/>, <see cref="Branches"/>).</summary>
    public void Apply(in ReplayRecord r)
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
        if (r.Event == ReplayEventIds.Command && r.Has(ReplayRecordFlags.HasText)) _lastCommand = r;
        if (r.Event == ReplayEventIds.Summary) _lastSummary = r;
        _depth.Apply(r);
        if (_perBranch is not null)
        {
            if (!_perBranch.TryGetValue(r.Branch, out var track)) _perBranch[r.Branch] = track = new BranchTrack();
            track.Apply(r);
        }
        if (r.Branch >= 0 && r.Event <= ReplayEventIds.Confirmation)
        {
            while (_work.Count <= r.Branch) _work.Add(null);
            (_work[r.Branch] ??= new OutstandingWork()).Apply(r);
        }
    }

    /// <summary>The figures folded so far.</summary>
    public ReplayFigures Figures() => new()
    {
        Events = _eventCount,
        Counts = _counts.Select((n, i) => KeyValuePair.Create(Events.Names[i], n)).Where(kv => kv.Value > 0)
            .OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList(),
        FirstTs = double.IsNaN(_first) ? null : _first,
        LastTs = double.IsNaN(_last) ? null : _last,
        LastCommand = _lastCommand,
        LastSummary = _lastSummary,
        MaxQueueDepth = _depth.Max,
        Outstanding = _work.Select((w, branch) => (w, branch)).Where(x => x.w is { } w && w.Queue.Count + w.Pending.Count > 0)
            .Select(x => new BranchOutstandingRecords(Branches.Names[x.branch], x.w!.Queue.Items.ToList(), x.w.Pending.Items.ToList()))
            .OrderBy(b => b.Branch, StringComparer.Ordinal).ToList(),
        Branches = (_perBranch ?? []).Select(kv => kv.Value.Result(kv.Key < 0 ? null : Branches.Names[kv.Key]))
            .OrderBy(b => b.Branch, StringComparer.Ordinal).ToList(),
    };

    /// <summary>One branch's own activity (<see cref="BranchActivity"/>).</summary>
    private sealed class BranchTrack
    {
        private readonly QueueDepth _depth = new();
        private readonly List<ReplayRecord> _commands = [], _approved = [], _denied = [];
        private long _requested, _queued;

        public void Apply(in ReplayRecord r)
        {
            switch (r.Event)
            {
                case ReplayEventIds.Queued: _queued++; break;
                case ReplayEventIds.Pending: _requested++; break;
                case ReplayEventIds.Command: _commands.Add(r); break;
                case ReplayEventIds.Confirmation: (r.Has(ReplayRecordFlags.Denied) ? _denied : _approved).Add(r); break;
            }
            _depth.Apply(r);
        }

        public BranchActivity Result(string? branch) => new(branch, _commands, _approved, _denied, _requested, _queued, _depth.Max);
    }
}
