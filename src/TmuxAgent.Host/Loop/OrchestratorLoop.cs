using Microsoft.Extensions.Logging;
using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Policy;
using TmuxAgent.Core.Projections;
using TmuxAgent.Core.Store;
using TmuxAgent.Core.Store.Leases;
using TmuxAgent.Host.Agents;
using TmuxAgent.Host.Application;
using TmuxAgent.Host.Approvals;
using TmuxAgent.Host.Audit;
using TmuxAgent.Config;
using TmuxAgent.Host.Decisions;
using TmuxAgent.Host.Leases;
using TmuxAgent.Host.LocalBus;
using TmuxAgent.Host.Observers;
using TmuxAgent.Host.Panes;
using TmuxAgent.Host.Reactors;
using TmuxAgent.Host.Snapshots;
using TmuxAgent.Host.Store;
using TmuxAgent.Host.Tmux;
using TmuxAgent.Host.Typing;

namespace TmuxAgent.Host;

/// <summary>
/// The daemon's loop: observe → handle → react. Each cycle, for every task branch whose lease this host holds, it looks
/// at the pane (<see cref="PaneObserver"/>), hands what it saw to the application service (<see cref="BranchService"/>:
/// decide, append) and lets the reactors act on the appended events (type into the pane, notify, mirror, metrics).
/// All state lives in the store; a new loop over the same store carries on where the last one stopped.
/// </summary>
public sealed class OrchestratorLoop
{
    private readonly LoopSettings _settings;
    private readonly BranchService _service;
    private readonly Reactions _inputs;
    private readonly PaneObserver _panes;
    private readonly SentCommandsCheck _sent;
    private readonly BranchLeaseKeeper _leases;
    private readonly ApprovalDesk _approvals;
    private readonly AskedConfirmations _asked = new();
    private readonly AuditReactor _audit;
    private readonly StoreHealth _health;
    private readonly ObserverSet _observers;
    private readonly ApprovalInbox _inbox;
    private readonly IDecisionSource _external;
    private readonly IDecisionSource _plan = new PlanDecisionSource();
    private readonly AgentChecks _agentChecks;
    private readonly IEventStore _store;
    private readonly BoardSnapshots _snapshots;
    private readonly ILogger _log;
    private readonly TimeProvider _time;
    private readonly HashSet<string> _missingPaneReported = new(StringComparer.Ordinal);

    /// <summary>A loop over <paramref name="store"/>, acting on the branches whose lease it holds in <paramref name="leases"/>
    /// (the leases of the same store; null: in-memory leases, for one host alone).</summary>
    public OrchestratorLoop(LoopSettings settings, IEventStore store, IEnumerable<IOrchestratorObserver> observers,
        ApprovalInbox inbox, ILogger logger, TimeProvider? time = null, IBranchLeases? leases = null)
    {
        var config = settings.Config;
        var policy = config.ToPolicy(settings.DryRun);
        _settings = settings;
        _time = time ?? TimeProvider.System;
        _log = logger;
        _inbox = inbox;
        _observers = new ObserverSet(observers, logger);
        _service = new BranchService(store, policy, _time, logger);
        _store = store;
        _snapshots = new BoardSnapshots(store, store, _time, logger);
        var locator = new SessionLocator(settings.Agent, settings.TmuxClientFor);
        var agents = new AgentProfiles(config.Agents);
        _panes = new PaneObserver(locator, new PaneDirectory(locator, settings.PaneListingMaxAge),
            settings.PaneActivity ?? new AgentScreenRule(agents, new ProgramOrChangingTextRule(), (b, v) => _observers.Notify(o => o.AgentSeen(b, v)), _time),
            config.HistoryLines);
        var delivery = settings.Delivery ?? new AgentDelivery(config, agents, new AgentTyper(settings.AgentTimings ?? AgentTimings.Default, _time),
            new SendKeysDelivery(config.CommandTimeoutSeconds, _panes.CaptureDepth));
        var bus = new LocalBusOutbox(settings.Agent, logger);
        _audit = new AuditReactor(new AuditSync(settings.AuditPath, store, logger), _observers, bus, _time, logger);
        _health = new StoreHealth(_observers, bus, _time, logger);
        _inputs = new Reactions(_service,
        [
            _health, new ObserverReactor(_observers), _asked, _audit, new LogReactor(logger),
            new TypingReactor(_panes, delivery, bus, policy.DryRun), new NotifyReactor(bus, policy.DryRun, config.NotifyOnlyOnConfirmation),
        ]);
        _sent = new SentCommandsCheck(_service, _inputs, delivery, logger);
        _leases = new BranchLeaseKeeper(leases ?? new InMemoryBranchLeases(), settings.HostId ?? config.HostId ?? HostIdentity.NewDefault(),
            config.LeaseTtl, _service.ReloadAsync, _observers, _time, logger);
        _approvals = new ApprovalDesk(config, _service, _inputs, _leases, _panes, _asked, inbox,
            new ConfirmationFeed(bus.ConfirmationsPath, settings.BusOffsetFile), _observers, bus, _time, logger);
        _external = settings.DecisionSourceOverride ?? new ExternalCommandSource(config.DecisionCommand, new PromptBuilder(config));
        _agentChecks = new AgentChecks(config, policy, settings.AgentActivity ?? new AgentPaneActivity(agents), new ModelCommand(config.DecisionCommand), logger);
    }

    /// <summary>The policy in force.</summary>
    public OrchestratorPolicy Policy => _service.Policy;

    /// <summary>Every branch's state as the loop knows it.</summary>
    public BranchBoard Board => _service.Board;

    /// <summary>This host's owner id in the leases (<c>host_id</c>, <c>--host-id</c>, or <c>hostname/pid/random</c>).</summary>
    public string HostId => _leases.HostId;

    /// <summary>How long a lease lasts unless renewed.</summary>
    public TimeSpan LeaseTtl => _leases.LeaseTtl;

    /// <summary>The branches this host holds right now (as far as it knows), with their fencing tokens.</summary>
    public IReadOnlyDictionary<string, long> HeldBranches => _leases.HeldBranches;

    /// <summary>Whether the last store operation failed (until an append succeeds again).</summary>
    public bool StoreFaulted => _health.Faulted;

    /// <summary>Whether the last write of the audit mirror failed (until one succeeds again).</summary>
    public bool AuditLogFaulted => _audit.Faulted;

    /// <summary>A start that folded at least this many events writes a snapshot at once, so the next start is fast.</summary>
    private const long SnapshotAfterFolding = 1_000;

    /// <summary>Rebuilds every branch from the store: from the host snapshot and the events after it when the snapshot can
    /// be trusted, else from the stream snapshots <c>store compact</c> left and every event. Call once before the first cycle.</summary>
    public async Task LoadAsync(CancellationToken ct = default)
    {
        _service.Reset();
        var snapshot = await _snapshots.RestoreAsync(ct).ConfigureAwait(false);
        if (snapshot is not null)
        {
            _service.Restore(BranchBoard.FromSnapshot(snapshot.Board));
            _asked.Restore(snapshot.Asked);
        }
        else await Board.LoadStreamSnapshotsAsync(_store, ct).ConfigureAwait(false);
        var folded = await CatchUpAsync(notify: false, ct).ConfigureAwait(false);
        if (!Policy.DryRun) Directory.CreateDirectory(_settings.Agent.BusDir);
        _observers.Notify(o => o.StateLoaded(Board));
        await _audit.SyncNowAsync().ConfigureAwait(false);
        _log.LogInformation("state rebuilt from the store: {Branches} branches, {Queued} queued, {Pending} pending, position {Position} "
            + "({Folded} events folded after {Start})", Board.Branches.Count, Board.TotalQueued, Board.TotalPending, Board.Position, folded,
            snapshot is null ? "the start of the store" : $"the snapshot at {snapshot.Board.Position}");
        if (folded >= SnapshotAfterFolding) await SaveSnapshotAsync(force: true).ConfigureAwait(false);
        _log.LogInformation("host {HostId}: branch leases of {Ttl} s", HostId, LeaseTtl.TotalSeconds);
    }

    /// <summary>Runs cycles every <c>poll_interval</c> until cancelled (waking early for approvals); then releases the
    /// branch leases so another host takes over at once.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        await LoadAsync(ct).ConfigureAwait(false);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await RunCycleAsync(ct).ConfigureAwait(false);
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
                var sleep = Task.Delay(TimeSpan.FromSeconds(_settings.Config.PollInterval), _time, wait.Token);
                await Task.WhenAny(sleep, _inbox.WaitAsync(wait.Token)).ConfigureAwait(false);
                await wait.CancelAsync().ConfigureAwait(false);
            }
        }
        finally { await StopAsync().ConfigureAwait(false); }
    }

    /// <summary>A clean stop: records the repeated answers counted and not recorded yet (<see cref="RecordQuietRunsAsync"/>),
    /// writes the host snapshot (when anything changed since the last), then releases every lease this host holds: other
    /// hosts take the branches at their next cycle.</summary>
    public async Task StopAsync()
    {
        await RecordQuietRunsAsync().ConfigureAwait(false);
        await SaveSnapshotAsync(force: true).ConfigureAwait(false);
        await ReleaseLeasesAsync().ConfigureAwait(false);
    }

    private Task SaveSnapshotAsync(bool force) => _snapshots.SaveIfDueAsync(
        () => new HostSnapshotData(Board.ToSnapshot(), _asked.Export()), Board.Position, force, CancellationToken.None);

    /// <summary>Releases every lease this host holds: other hosts take the branches at their next cycle. A clean stop is
    /// <see cref="StopAsync"/>, which records and snapshots first.</summary>
    public Task ReleaseLeasesAsync() => _leases.ReleaseAllAsync();

    /// <summary>One cycle: fold what other hosts appended, approvals (portal, LocalBus), then every task branch whose lease
    /// this host holds, in file order. A store fault ends the cycle (nothing more is acted on), is reported once, and the
    /// next cycle tries again.</summary>
    public async Task RunCycleAsync(CancellationToken ct)
    {
        try { await RunCycleCoreAsync(ct).ConfigureAwait(false); }
        catch (Exception e) when (StoreFault.Is(e)) { _health.Failed(e); }
        finally { await _audit.SyncAsync().ConfigureAwait(false); }
        if (!_health.Faulted) await SaveSnapshotAsync(force: false).ConfigureAwait(false);
    }

    private async Task RunCycleCoreAsync(CancellationToken ct)
    {
        var clock = CycleClock.Start(_log);
        _panes.Refresh();
        await CatchUpAsync(notify: true, ct).ConfigureAwait(false);
        await _approvals.ApplyInboxAsync(_audit.SyncAsync, ct).ConfigureAwait(false);
        if (!Policy.DryRun) await _approvals.ApplyLocalBusAsync(ct).ConfigureAwait(false);
        foreach (var task in _settings.Config.Tasks)
        {
            ct.ThrowIfCancellationRequested();
            await _leases.KeepAsync(ct).ConfigureAwait(false);
            if (!await _leases.HoldAsync(task.Branch, ct).ConfigureAwait(false)) continue;
            try { await CycleBranchAsync(task, ct).ConfigureAwait(false); }
            catch (TmuxException e)
            {
                _log.LogWarning("{Branch}: tmux failed: {Message}", task.Branch, e.Message);
                await _leases.LetGoAsync(task.Branch).ConfigureAwait(false);   // a host whose tmux works may take it
            }
            await _approvals.ApplyInboxAsync(_audit.SyncAsync, ct).ConfigureAwait(false);
            await _audit.SyncAsync().ConfigureAwait(false);
        }
        clock?.Log(_log, _settings.Config.Tasks.Count);
    }

    /// <summary>One branch: plan, look at the pane, receipts and exit statuses, the tick, then maybe a decision, then the
    /// agent checks (summaries, stuck detection).</summary>
    private async Task CycleBranchAsync(TaskConfig task, CancellationToken ct)
    {
        var branch = task.Branch;
        await _inputs.HandleAsync(branch, new PlanTask(task.ToPlan()), null, ct).ConfigureAwait(false);
        var look = await _panes.ObserveAsync(task, SentCommandsCheck.NeedsText(Board[branch]), ct).ConfigureAwait(false);
        if (look is null)
        {
            if (_missingPaneReported.Add(branch))
                _log.LogWarning("{Branch}: no tmux session {Session} on any configured host; branch skipped", branch, task.SessionName);
            await _leases.LetGoAsync(branch).ConfigureAwait(false);
            return;
        }
        _missingPaneReported.Remove(branch);
        var seenAt = _time.GetUtcNow();
        _observers.Notify(o => o.PaneSeen(branch, look.Target, look.Activity, seenAt));

        await _sent.ReadAsync(branch, look.Snapshot.Text, ct).ConfigureAwait(false);
        var decisionId = "dec-" + Guid.NewGuid().ToString("N")[..20];
        var tick = new Tick(look.Activity.Observation, Board.DependencyPhases(branch), decisionId);
        var source = SourceFor(task);
        // the text the decision source reads is captured before anything is typed, as the other reads are
        if (source.ReadsPaneText && _service.WouldAsk(branch, tick))
            look = await _panes.WithTextAsync(look, ct).ConfigureAwait(false);
        var ticked = await _inputs.HandleAsync(branch, tick, look.Target, ct).ConfigureAwait(false);
        if (_service.AsksForDecision(ticked)) await AskAsync(task, source, look, decisionId, ct).ConfigureAwait(false);
        var agentLook = new AgentLook(task, Board[branch], look.Snapshot, look.Activity.Busy, _time.GetUtcNow(),
            async () => (await _panes.WithTextAsync(look, ct).ConfigureAwait(false)).Snapshot);
        await _agentChecks.HandleAsync(agentLook, _inputs, look.Target, _leases.StillHoldsAsync, ct).ConfigureAwait(false);
        var at = _time.GetUtcNow();
        _observers.Notify(o => o.CycleCompleted(branch, at));
    }

    /// <summary>Asks the decision source and handles its answer (or failure), unless the lease was lost meanwhile.</summary>
    private async Task AskAsync(TaskConfig task, IDecisionSource source, PaneLook look, string decisionId, CancellationToken ct)
    {
        if (source.ReadsPaneText) look = await _panes.WithTextAsync(look, ct).ConfigureAwait(false);
        var busy = look.Activity.Busy;
        var context = new DecisionContext(Board[task.Branch], task, look.Snapshot.Tail(_settings.Config.HistoryLines), look.Snapshot.CurrentCommand, busy, Policy);
        var outcome = await source.DecideAsync(context, ct).ConfigureAwait(false);
        // an agent may have started a turn since the tick (a queued prompt typed this cycle): its screen is read again
        if (look.Activity.Agent is not null) look = await _panes.ObserveAsync(task, true, ct).ConfigureAwait(false) ?? look;
        BranchInput input = outcome switch
        {
            DecisionAnswered a => new ReceiveDecision(decisionId, a.Decision, look.Activity.Observation, a.Latency.TotalSeconds),
            DecisionFailure f => new FailDecision(decisionId, f.Kind, f.Message),
            _ => throw new InvalidOperationException(),
        };
        _observers.Notify(o => o.DecisionCompleted(task.Branch, outcome.Latency, (outcome as DecisionFailure)?.Kind));
        if (outcome is DecisionFailure failure)
            _log.LogWarning("{Branch}: decision failed ({Kind}): {Message}", task.Branch, failure.Kind, failure.Message);
        if (!await _leases.StillHoldsAsync(task.Branch).ConfigureAwait(false)) return;
        var handled = await _inputs.HandleAsync(task.Branch, input, look.Target, ct).ConfigureAwait(false);
        if (handled.Outcome == HandleOutcome.Nothing && input is ReceiveDecision quiet)
            _observers.Notify(o => o.DecisionRepeated(task.Branch, quiet.LatencySeconds));
    }

    /// <summary>Records the repeated answers counted and not recorded yet (<see cref="QuietRun"/>), for every branch
    /// whose lease this host still holds (a clean stop: the counts survive it).</summary>
    public async Task RecordQuietRunsAsync()
    {
        foreach (var branch in _service.UnrecordedRuns.ToList())
        {
            if (!await _leases.StillHoldsAsync(branch).ConfigureAwait(false)) continue;
            try { await _inputs.HandleAsync(branch, new RecordQuietRun(), null, CancellationToken.None).ConfigureAwait(false); }
            catch (Exception e) when (StoreFault.Is(e)) { _health.Failed(e); return; }
        }
        await _audit.SyncAsync().ConfigureAwait(false);
    }

    /// <summary>Folds what other hosts appended (at start: everything) into the board; observers hear of each event
    /// (not at start: they get the whole board then) and the audit mirror is brought up to it.</summary>
    private async Task<long> CatchUpAsync(bool notify, CancellationToken ct)
    {
        var folded = await _service.CatchUpAsync((e, after) =>
        {
            _asked.Record(e);
            if (notify) _observers.Appended(e, after);
        }, ct).ConfigureAwait(false);
        if (notify && folded > 0) _audit.MarkBehind();
        return folded;
    }

    /// <summary>Who answers <paramref name="task"/>'s decision requests.</summary>
    private IDecisionSource SourceFor(TaskConfig task) =>
        _settings.DecisionSourceOverride ?? (_settings.Config.UsesPlan(task) ? _plan : _external);
}
