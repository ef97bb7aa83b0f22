using Microsoft.Extensions.Logging;
using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Policy;
using TmuxAgent.Core.Projections;
using TmuxAgent.Core.Store;
using TmuxAgent.Core.Store.Leases;
using TmuxAgent.Host.Agents;
using TmuxAgent.Host.Audit;
using TmuxAgent.Host.Config;
using TmuxAgent.Host.Decisions;
using TmuxAgent.Host.LocalBus;
using TmuxAgent.Host.Observers;
using TmuxAgent.Host.Store;
using TmuxAgent.Host.Tmux;

namespace TmuxAgent.Host;

/// <summary>
/// The daemon's loop, a thin shell around Core: each cycle, for every task branch, observe the pane, Tick,
/// ask the decision source when a decision is requested, append the events, then act on them (type into the
/// pane, write LocalBus) and append what happened. All state lives in the store; a new loop over the same store
/// carries on where the last one stopped.
/// </summary>
public sealed partial class OrchestratorLoop
{
    private readonly LoopSettings _settings;
    private readonly OrchestratorPolicy _policy;
    private readonly BranchRepository _repository;
    private readonly IEventStore _store;
    private readonly IBranchLeases _leases;
    private readonly SessionLocator _locator;
    private readonly PaneDirectory _panes;
    private readonly ObserverSet _observers;
    private readonly ApprovalInbox _inbox;
    private readonly AuditSync _audit;
    private readonly LocalBusWriter _bus;
    private readonly ConfirmationFeed _confirmations;
    private readonly IDecisionSource _external;
    private readonly IDecisionSource _plan = new PlanDecisionSource();
    private readonly AgentChecks _agentChecks;
    private readonly ILogger _log;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, string> _lastPaneText = new(StringComparer.Ordinal);
    private readonly HashSet<string> _missingPaneReported = new(StringComparer.Ordinal);
    private readonly HashSet<(string Branch, string CommandId)> _confirmationsAsked = [];
    private readonly HashSet<(string Branch, string Text)> _confirmationTexts = [];
    private BranchBoard _board = new();

    /// <summary>A loop over <paramref name="store"/>, acting on the branches whose lease it holds in <paramref name="leases"/>
    /// (the leases of the same store; null: in-memory leases, for one host alone).</summary>
    public OrchestratorLoop(LoopSettings settings, IEventStore store, IEnumerable<IOrchestratorObserver> observers,
        ApprovalInbox inbox, ILogger logger, TimeProvider? time = null, IBranchLeases? leases = null)
    {
        _settings = settings;
        _policy = settings.Config.ToPolicy(settings.DryRun);
        _store = store;
        _leases = leases ?? new InMemoryBranchLeases();
        HostId = settings.HostId ?? settings.Config.HostId ?? DefaultHostId();
        LeaseTtl = settings.Config.LeaseTtl;
        _repository = new BranchRepository(store);
        _locator = new SessionLocator(settings.Agent, settings.TmuxClientFor);
        _panes = new PaneDirectory(_locator, settings.PaneListingMaxAge);
        _observers = new ObserverSet(observers, logger);
        _inbox = inbox;
        _log = logger;
        _time = time ?? TimeProvider.System;
        _audit = new AuditSync(settings.AuditPath, store, logger);
        _bus = new LocalBusWriter(settings.Agent.BusDir);
        _confirmations = new ConfirmationFeed(_bus.ConfirmationsPath, settings.BusOffsetFile);
        _external = settings.DecisionSourceOverride ?? new ExternalCommandSource(settings.Config.Codex, new PromptBuilder(settings.Config));
        _agentChecks = new AgentChecks(settings.Config, _policy, settings.AgentActivity ?? new PaneActivity(), new ModelCommand(settings.Config.Codex), logger);
    }

    /// <summary>The policy in force.</summary>
    public OrchestratorPolicy Policy => _policy;

    /// <summary>Every branch's state as the loop knows it.</summary>
    public BranchBoard Board => _board;

    /// <summary>Rebuilds every branch from the store. Call once before the first cycle.</summary>
    public async Task LoadAsync(CancellationToken ct = default)
    {
        _board = new BranchBoard();
        await CatchUpAsync(notify: false, ct).ConfigureAwait(false);
        if (!_policy.DryRun) Directory.CreateDirectory(_settings.Agent.BusDir);
        _observers.Notify(o => o.StateLoaded(_board));
        await SyncAuditNowAsync().ConfigureAwait(false);
        _log.LogInformation("state rebuilt from the store: {Branches} branches, {Queued} queued, {Pending} pending, position {Position}",
            _board.Branches.Count, _board.TotalQueued, _board.TotalPending, _board.Position);
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
        finally { await ReleaseLeasesAsync().ConfigureAwait(false); }
    }

    /// <summary>One cycle: fold what other hosts appended, approvals (portal, LocalBus), then every task branch whose lease
    /// this host holds, in file order. A store fault ends the cycle (nothing more is acted on), is reported once, and the
    /// next cycle tries again.</summary>
    public async Task RunCycleAsync(CancellationToken ct)
    {
        try { await RunCycleCoreAsync(ct).ConfigureAwait(false); }
        catch (Exception e) when (StoreFault.Is(e)) { StoreFailed(e); }
        finally { await SyncAuditAsync().ConfigureAwait(false); }
    }

    private async Task RunCycleCoreAsync(CancellationToken ct)
    {
        var clock = StartCycleClock();
        _panes.Refresh();
        await CatchUpAsync(notify: true, ct).ConfigureAwait(false);
        await ApplyInboxAsync(ct).ConfigureAwait(false);
        await ApplyLocalBusConfirmationsAsync(ct).ConfigureAwait(false);
        foreach (var task in _settings.Config.Tasks)
        {
            ct.ThrowIfCancellationRequested();
            await KeepLeasesAsync(ct).ConfigureAwait(false);
            if (!await HoldAsync(task.Branch, ct).ConfigureAwait(false)) continue;
            try { await CycleBranchAsync(task, ct).ConfigureAwait(false); }
            catch (TmuxException e)
            {
                _log.LogWarning("{Branch}: tmux failed: {Message}", task.Branch, e.Message);
                await LetGoAsync(task.Branch).ConfigureAwait(false);   // a host whose tmux works may take it
            }
            await ApplyInboxAsync(ct).ConfigureAwait(false);
            await SyncAuditAsync().ConfigureAwait(false);
        }
        LogCycleTime(clock);
    }

    private async Task CycleBranchAsync(TaskConfig task, CancellationToken ct)
    {
        var state = await DecideAsync(_board[task.Branch], new PlanTask(task.ToPlan())).ConfigureAwait(false);
        var entry = await _panes.FindAsync(task.SessionName, ct).ConfigureAwait(false);
        if (entry is null)
        {
            if (_missingPaneReported.Add(task.Branch))
                _log.LogWarning("{Branch}: no tmux session {Session} on any configured host; branch skipped", task.Branch, task.SessionName);
            await LetGoAsync(task.Branch).ConfigureAwait(false);
            return;
        }
        _missingPaneReported.Remove(task.Branch);

        var pane = entry.Target;
        var captured = NeedsPaneText(task, state);
        var snapshot = await LookAsync(entry, captured, ct).ConfigureAwait(false);
        state = await CheckReceiptsAsync(state, snapshot).ConfigureAwait(false);
        state = await CheckCompletionsAsync(state, snapshot).ConfigureAwait(false);
        var observation = new PaneObservation(IsBusy(task, snapshot));

        var decisionId = "dec-" + Guid.NewGuid().ToString("N")[..20];
        var tick = new Tick(observation, _board.DependencyPhases(task.Branch), decisionId);
        var events = BranchDecider.Decide(state, tick, _policy, Now);
        var asks = events.OfType<DecisionRequested>().Any();
        var source = SourceFor(task);
        // the text the decision source reads is captured before anything is typed, as the other reads are
        if (asks && !captured && source.ReadsPaneText) snapshot = await LookAsync(entry, true, ct).ConfigureAwait(false);
        state = await AppendAndActAsync(state, events, pane).ConfigureAwait(false);

        if (asks)
        {
            var context = new DecisionContext(state, task, snapshot.Tail(_settings.Config.HistoryLines), snapshot.CurrentCommand, observation.Busy, _policy);
            var outcome = await source.DecideAsync(context, ct).ConfigureAwait(false);
            BranchInput input = outcome switch
            {
                DecisionAnswered a => new ReceiveDecision(decisionId, a.Decision, observation, a.Latency.TotalSeconds),
                DecisionFailure f => new FailDecision(decisionId, f.Kind, f.Message),
                _ => throw new InvalidOperationException(),
            };
            _observers.Notify(o => o.DecisionCompleted(task.Branch, outcome.Latency, (outcome as DecisionFailure)?.Kind));
            if (outcome is DecisionFailure failure)
                _log.LogWarning("{Branch}: decision failed ({Kind}): {Message}", task.Branch, failure.Kind, failure.Message);
            if (!await StillHoldsAsync(task.Branch).ConfigureAwait(false)) return;
            state = await AppendAndActAsync(state, BranchDecider.Decide(state, input, _policy, Now), pane).ConfigureAwait(false);
        }
        state = await RunAgentChecksAsync(task, state, entry, snapshot, observation.Busy, ct).ConfigureAwait(false);
        var at = Now;
        _observers.Notify(o => o.CycleCompleted(task.Branch, at));
    }

    private bool IsBusy(TaskConfig task, PaneSnapshot snapshot)
    {
        if (task.InputMode != Core.Commands.InputModes.CodexDialogue) return !snapshot.ShellInForeground;
        var changed = _lastPaneText.TryGetValue(task.Branch, out var before) && before != snapshot.Text;
        _lastPaneText[task.Branch] = snapshot.Text;
        return changed;
    }

    private int CaptureDepth(PaneTarget pane) => Math.Max(_settings.Config.HistoryLines, _locator.CaptureLinesFor(pane));

    private void Remember(BranchEvent e)
    {
        if (e is not ConfirmationRequested r) return;
        _confirmationsAsked.Add((r.Branch, r.CommandId));
        if (r.Spec.Text is not null) _confirmationTexts.Add((r.Branch, r.Spec.Text));
    }

    private DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>Decides <paramref name="input"/> on <paramref name="state"/>, appends and acts; returns the new state.</summary>
    private async Task<BranchState> DecideAsync(BranchState state, BranchInput input, PaneTarget? pane = null) =>
        await AppendAndActAsync(state, BranchDecider.Decide(state, input, _policy, Now), pane).ConfigureAwait(false);

    /// <summary>Appends <paramref name="events"/> (never cancelled half-way), mirrors them, tells the observers.
    /// On a conflict the branch is reloaded and returned without them.</summary>
    private async Task<BranchState> AppendAsync(BranchState state, IReadOnlyList<BranchEvent> events) =>
        (await TryAppendAsync(state, events).ConfigureAwait(false)).State;

    /// <summary><see cref="AppendAsync"/>, telling whether the events were recorded (false: another writer appended
    /// to the branch first; the reloaded state is returned and nothing may be acted on).</summary>
    private async Task<(BranchState State, bool Recorded)> TryAppendAsync(BranchState state, IReadOnlyList<BranchEvent> events)
    {
        if (events.Count == 0) return (state, true);
        BranchState after;
        try { after = await _repository.AppendAsync(state, events, CancellationToken.None).ConfigureAwait(false); }
        catch (WrongExpectedVersionException e)
        {
            _log.LogWarning("{Branch}: another writer appended ({Message}); reloading, nothing of this decision is acted on", state.Branch, e.Message);
            after = await _repository.LoadAsync(state.Branch, CancellationToken.None).ConfigureAwait(false);
            _board.Set(after);
            return (after, false);
        }
        _board.Set(after);
        StoreWorks();
        var s = state;
        foreach (var e in events)
        {
            s = BranchEvolver.Evolve(s, e);
            Remember(e);
            var snapshot = s;
            _observers.Appended(e, snapshot);
        }
        _auditBehind = true;
        return (after, true);
    }
}
