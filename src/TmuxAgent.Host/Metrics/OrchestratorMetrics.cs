using System.Collections.Concurrent;
using Prometheus;
using TmuxAgent.Core.Agents;
using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Policy;
using TmuxAgent.Core.Projections;

namespace TmuxAgent.Host.Metrics;

/// <summary>
/// The orchestrator's Prometheus metrics (names, labels, types and buckets of FORMATS.md), read from the branches' folded
/// states: counters follow <see cref="BranchCounters"/> (events are not counted a second time here), gauges the queue and
/// pending approvals; only the decision latency comes from the event itself.
/// Registered in the given <see cref="CollectorRegistry"/>, never the static default, so each host (and each test) has its own.
/// </summary>
/// <remarks>
/// Call <see cref="Restore"/> once after loading the store, then <see cref="Observe(BranchEvent, BranchState)"/> for every
/// event appended (with the branch state after it) and <see cref="CycleCompleted"/> after each branch's cycle.
/// Counters are raised to <see cref="BranchCounters"/> (monotonic, so Prometheus sees no reset across a restart);
/// the latency histogram cannot be and starts empty.
/// </remarks>
public sealed class OrchestratorMetrics
{
    private readonly Counter _commands;
    private readonly Gauge _queueSize;
    private readonly Gauge _pending;
    private readonly Histogram _latency;
    private readonly Counter _decisionErrors;
    private readonly Counter _jsonParseFailures;
    private readonly Counter _utf8Errors;
    private readonly Counter _success;
    private readonly Counter _failures;
    private readonly Gauge _heartbeat;
    private readonly Counter _storeErrors;
    private readonly Gauge _storeHealthy;
    private readonly Counter _auditErrors;
    private readonly Counter _unknownRisk;
    private readonly Gauge _auditHealthy;
    private readonly AgentMetrics _agents;
    private readonly Gauge _stuck;
    private readonly Counter _stuckTotal;
    private readonly ConcurrentDictionary<string, bool> _known = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BranchCounters> _counters = new(StringComparer.Ordinal);
    private readonly Lock _totalsGate = new();
    private (long Dispatched, long Queued, long DryRun) _totals;

    /// <summary>Creates every metric in <paramref name="registry"/>.</summary>
    public OrchestratorMetrics(CollectorRegistry registry)
    {
        Registry = registry;
        var f = Prometheus.Metrics.WithCustomRegistry(registry);
        _commands = f.CreateCounter(MetricNames.CommandsTotal, "Commands by result: dispatched to a pane, queued, or only recorded (dry-run).", "result");
        _queueSize = f.CreateGauge(MetricNames.QueueSize, "Commands waiting in the branch's queue.", "branch");
        _pending = f.CreateGauge(MetricNames.PendingConfirmation, "Commands waiting for a human's approval (a gauge).", "branch");
        _latency = f.CreateHistogram(MetricNames.DecisionLatency, "Seconds the decision source took to answer.",
            new HistogramConfiguration { Buckets = [.. MetricNames.DecisionLatencyBuckets] });
        _decisionErrors = f.CreateCounter(MetricNames.DecisionErrors, "Failed decisions (any kind).", "branch");
        _jsonParseFailures = f.CreateCounter(MetricNames.JsonParseFailures, "Decision output that was empty, not JSON or not a decision object.", "branch", "kind");
        _utf8Errors = f.CreateCounter(MetricNames.Utf8DecodeErrors, "Decision output that was not valid UTF-8.", "branch");
        _success = f.CreateCounter(MetricNames.CommandSuccess, "Commands that completed with exit status 0.", "branch");
        _failures = f.CreateCounter(MetricNames.CommandFailures, "Commands that exited non-zero or could not be delivered.", "branch");
        _heartbeat = f.CreateGauge(MetricNames.HeartbeatTimestamp, "Unix time of the branch's last completed cycle.", "branch");
        foreach (var result in CommandResults.All) _commands.WithLabels(result);
        _storeErrors = f.CreateCounter(MetricNames.StoreErrors, "Reads or appends the event store refused (read-only, full, locked, corrupt).");
        _storeHealthy = f.CreateGauge(MetricNames.StoreHealthy, "1 while the event store works; 0 from a refused read or append until one succeeds.");
        _storeHealthy.Set(1);
        _auditErrors = f.CreateCounter(MetricNames.AuditLogErrors, "Syncs of the JSONL audit log that could not write it (full or read-only disk, permissions).");
        _auditHealthy = f.CreateGauge(MetricNames.AuditLogHealthy, "1 while the audit log is written; 0 from a failed write until one succeeds.");
        _auditHealthy.Set(1);
        _unknownRisk = f.CreateCounter(MetricNames.UnknownRiskLevels, "Commands held for approval because their risk label was not a known one.", "branch");
        _portalAuthFailures = f.CreateCounter(MetricNames.PortalAuthFailures, "Requests to the approval portal with a wrong token (each one is also logged, without the token).");
        _agents = new AgentMetrics(f);
        _stuck = f.CreateGauge(MetricNames.AgentStuck, "1 while the last stuck check said the branch's agent is stuck, 0 after one that said it is not.", "branch");
        _stuckTotal = f.CreateCounter(MetricNames.AgentStuckTotal, "Stuck verdicts of the stuck check ([prompts] stuck_detection).", "branch");
    }

    private readonly Counter _portalAuthFailures;

    /// <summary>The portal refused a wrong token.</summary>
    public void PortalAuthFailed() => _portalAuthFailures.Inc();

    /// <summary>The registry the metrics live in (serve it with <see cref="MetricsExporter"/>).</summary>
    public CollectorRegistry Registry { get; }

    /// <summary>The store refused a read or an append.</summary>
    public void StoreFailed()
    {
        _storeErrors.Inc();
        _storeHealthy.Set(0);
    }

    /// <summary>The store works again.</summary>
    public void StoreRecovered() => _storeHealthy.Set(1);

    /// <summary>The audit log could not be written.</summary>
    public void AuditLogFailed()
    {
        _auditErrors.Inc();
        _auditHealthy.Set(0);
    }

    /// <summary>The audit log is written again.</summary>
    public void AuditLogRecovered() => _auditHealthy.Set(1);

    /// <summary>One appended event: the branch's counters and gauges from <paramref name="after"/>, its latency when it
    /// is a decision.</summary>
    public void Observe(BranchEvent e, BranchState after)
    {
        CountUnfolded(e);
        Follow(after);
    }

    /// <summary>A batch of events appended together; <paramref name="after"/> is the branch state after the last.</summary>
    public void Observe(IEnumerable<BranchEvent> events, BranchState after)
    {
        foreach (var e in events) CountUnfolded(e);
        Follow(after);
    }

    /// <summary>What the folded <see cref="BranchCounters"/> do not hold: the decision latency, observed per event as it is
    /// appended.</summary>
    private void CountUnfolded(BranchEvent e)
    {
        switch (e)
        {
            case DecisionReceived r:
                _latency.Observe(r.LatencySeconds);
                break;
        }
    }

    /// <summary>A decision's latency that no appended event carries (a repeated answer only counted, <see cref="DecisionsRepeated"/>).</summary>
    public void ObserveLatency(double seconds) => _latency.Observe(seconds);

    /// <summary>Records that <paramref name="branch"/> finished a cycle at <paramref name="at"/> (the heartbeat).</summary>
    public void CycleCompleted(string branch, DateTimeOffset at)
    {
        Initialize(branch);
        _heartbeat.WithLabels(branch).Set(UnixSeconds(at));
    }

    /// <summary>Sets the queue and pending gauges of a branch; a gauge whose count is zero is removed.</summary>
    public void UpdateGauges(BranchState state)
    {
        Initialize(state.Branch);
        SetOrRemove(_queueSize, state.Branch, state.Queue.Count);
        SetOrRemove(_pending, state.Branch, state.Pending.Count);
    }

    /// <summary>
    /// After a restart: gauges from the store's projection, heartbeats from each branch's last recorded fact,
    /// counters raised to the totals in <see cref="BranchCounters"/> (never lowered, so calling it twice is harmless).
    /// </summary>
    public void Restore(BranchBoard board)
    {
        foreach (var state in board.Branches.Values)
        {
            if (state.LastEventAt is { } last) _heartbeat.WithLabels(state.Branch).IncTo(UnixSeconds(last));
            Follow(state);
        }
    }

    /// <summary>Gauges and counters of a branch from its folded state; the command totals over every branch.</summary>
    private void Follow(BranchState state)
    {
        UpdateGauges(state);
        if (state.LastStuckCheck is { } check) _stuck.WithLabels(state.Branch).Set(check.Stuck ? 1 : 0);
        RaiseCounters(state.Branch, state.Counters);
        var totals = SwapCounters(state.Branch, state.Counters);
        _commands.WithLabels(CommandResults.Dispatched).IncTo(totals.Dispatched);
        _commands.WithLabels(CommandResults.Queued).IncTo(totals.Queued);
        _commands.WithLabels(CommandResults.DryRun).IncTo(totals.DryRun);
    }

    /// <summary>Replaces a branch's counters (null: forgets them) and moves the running command totals over every branch by
    /// the difference: O(1) per event, whatever the number of branches.</summary>
    private (long Dispatched, long Queued, long DryRun) SwapCounters(string branch, BranchCounters? now)
    {
        lock (_totalsGate)
        {
            var before = _counters.GetValueOrDefault(branch) ?? BranchCounters.Empty;
            var after = now ?? BranchCounters.Empty;
            if (now is null) _counters.Remove(branch);
            else _counters[branch] = now;
            _totals = (_totals.Dispatched + after.Dispatched - before.Dispatched, _totals.Queued + after.Queued - before.Queued,
                _totals.DryRun + after.DryRun - before.DryRun);
            return _totals;
        }
    }

    /// <summary>Removes every per-branch series of <paramref name="branch"/> (a task removed from the plan).</summary>
    public void ForgetBranch(string branch)
    {
        _known.TryRemove(branch, out _);
        SwapCounters(branch, null);
        foreach (var gauge in new[] { _queueSize, _pending, _heartbeat, _stuck }) RemoveIfPresent(gauge, branch);
        foreach (var counter in new[] { _decisionErrors, _utf8Errors, _success, _failures, _unknownRisk, _stuckTotal }) RemoveIfPresent(counter, branch);
        foreach (var labels in _jsonParseFailures.GetAllLabelValues().Where(l => l[0] == branch).ToList())
            _jsonParseFailures.RemoveLabelled(labels);
        _agents.Forget(branch);
    }

    /// <summary>
    /// Exports a branch's counters at 0 the first time the branch is seen, so the first error is an increase
    /// (<c>increase()</c> cannot see the first sample of a series that starts at 1).
    /// </summary>
    private void Initialize(string branch)
    {
        if (!_known.TryAdd(branch, true)) return;
        foreach (var counter in new[] { _decisionErrors, _utf8Errors, _success, _failures, _unknownRisk, _stuckTotal }) counter.WithLabels(branch);
        foreach (var kind in DecisionErrorMetrics.JsonParseKinds.Order(StringComparer.Ordinal)) _jsonParseFailures.WithLabels(branch, kind);
    }

    /// <summary>Raises the branch's counters to its folded totals (never lowers them).</summary>
    private void RaiseCounters(string branch, BranchCounters c)
    {
        if (c.DecisionErrorTotal > 0) _decisionErrors.WithLabels(branch).IncTo(c.DecisionErrorTotal);
        foreach (var (kind, n) in c.DecisionErrors)
        {
            if (DecisionErrorMetrics.IsJsonParseFailure(kind)) _jsonParseFailures.WithLabels(branch, kind).IncTo(n);
        }
        var utf8 = c.DecisionErrors.Where(k => DecisionErrorMetrics.IsUtf8DecodeError(k.Key)).Sum(k => k.Value);
        if (utf8 > 0) _utf8Errors.WithLabels(branch).IncTo(utf8);
        if (c.Successes > 0) _success.WithLabels(branch).IncTo(c.Successes);
        if (c.Failures > 0) _failures.WithLabels(branch).IncTo(c.Failures);
        if (c.UnknownRiskLevels > 0) _unknownRisk.WithLabels(branch).IncTo(c.UnknownRiskLevels);
        if (c.StuckVerdicts > 0) _stuckTotal.WithLabels(branch).IncTo(c.StuckVerdicts);
        _agents.Follow(branch, c);
    }

    private static void SetOrRemove(Gauge gauge, string branch, int count)
    {
        if (count > 0) gauge.WithLabels(branch).Set(count);
        else RemoveIfPresent(gauge, branch);
    }

    private static void RemoveIfPresent<TChild>(Collector<TChild> metric, string branch) where TChild : ChildBase
    {
        if (metric.GetAllLabelValues().Any(l => l.Length == 1 && l[0] == branch)) metric.RemoveLabelled(branch);
    }

    private static double UnixSeconds(DateTimeOffset at) => at.ToUnixTimeMilliseconds() / 1000.0;
}
