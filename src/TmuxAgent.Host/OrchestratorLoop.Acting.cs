using Microsoft.Extensions.Logging;
using TmuxAgent.Core.Agents;
using TmuxAgent.Core.Branches;
using TmuxAgent.Host.Agents.StuckDetection;
using TmuxAgent.Host.Tmux;

namespace TmuxAgent.Host;

public sealed partial class OrchestratorLoop
{
    /// <summary>How long a typed command may take to show in the pane before its delivery counts as failed.</summary>
    private static readonly TimeSpan ReceiptWindow = TimeSpan.FromSeconds(1.5);

    /// <summary>Appends, then acts on each new fact: dispatches are typed (unless dry-run) and get a receipt;
    /// confirmations, stalls and repeated failures are notified. Facts refused by the store (another writer appended
    /// first) are not acted on: only the host whose append succeeded types a command.</summary>
    private async Task<BranchState> AppendAndActAsync(BranchState state, IReadOnlyList<BranchEvent> events, PaneTarget? pane) =>
        (await TryAppendAndActAsync(state, events, pane).ConfigureAwait(false)).State;

    /// <summary><see cref="AppendAndActAsync"/>, telling whether the events were recorded.</summary>
    private async Task<(BranchState State, bool Recorded)> TryAppendAndActAsync(BranchState state, IReadOnlyList<BranchEvent> events, PaneTarget? pane)
    {
        (state, var recorded) = await TryAppendAsync(state, events).ConfigureAwait(false);
        if (!recorded) return (state, false);
        foreach (var e in events)
        {
            Log(e);
            if (_policy.DryRun) continue;
            switch (e)
            {
                case CommandDispatched d:
                    state = await DeliverAsync(state, d, pane).ConfigureAwait(false);
                    break;
                case ConfirmationRequested r:
                    Notify(r.Branch, $"Approval needed: {r.Branch}", $"{r.Spec.Display}\n({r.Reason}; id {r.CommandId})", r.At, "confirmation", r.CommandId);
                    break;
                case StallDetected { Notify: true } s:
                    Notify(s.Branch, $"Stalled: {s.Branch}", $"command {s.CommandId} has not finished (stall {s.Count})", s.At, "stall", s.CommandId);
                    break;
                case StuckChecked { Notify: true } s:
                    Notify(s.Branch, $"Stuck: {s.Branch}", StuckNotice.Body(s), s.At, "stuck");
                    break;
                case DecisionFailed { Notify: true } f:
                    Notify(f.Branch, $"Decision errors: {f.Branch}", $"{f.ConsecutiveFailures} failures in a row, last {f.Kind}: {f.Message}", f.At, "decision_failures");
                    break;
                case DecisionReceived { Notify: { Length: > 0 } text } d when !_settings.Config.NotifyOnlyOnConfirmation:
                    Notify(d.Branch, d.Branch, text, d.At, "decision");
                    break;
            }
        }
        return (state, true);
    }

    /// <summary>Types a dispatched command and records the receipt: delivered when its text shows in the pane, else failed.</summary>
    private async Task<BranchState> DeliverAsync(BranchState state, CommandDispatched d, PaneTarget? pane)
    {
        pane ??= await _locator.FindAsync(d.Session, CancellationToken.None).ConfigureAwait(false);
        ReportDelivery receipt;
        if (pane is null) receipt = new ReportDelivery(d.CommandId, false, $"tmux session {d.Session} not found");
        else
        {
            try
            {
                _panes.Touched(pane);
                await PaneTyper.TypeAsync(pane, d.Spec, d.CommandId, _settings.Config.CommandTimeoutSeconds, CancellationToken.None).ConfigureAwait(false);
                var typed = PaneTyper.TypedText(d.Spec, d.CommandId, _settings.Config.CommandTimeoutSeconds);
                var seen = typed is null || await PaneTyper.SeenAsync(pane, typed, CaptureDepth(pane), ReceiptWindow, CancellationToken.None).ConfigureAwait(false);
                receipt = new ReportDelivery(d.CommandId, seen, seen ? null : "typed text not seen in the pane");
                TryBus(() => _bus.Command(d));
            }
            catch (TmuxException e) { receipt = new ReportDelivery(d.CommandId, false, e.Message); }
        }
        var events = BranchDecider.Decide(state, receipt, _policy, Now);
        foreach (var e in events) Log(e);
        return await AppendAsync(state, events).ConfigureAwait(false);
    }

    /// <summary>After a restart (or a takeover from a host that died): a command recorded as dispatched without a receipt
    /// is looked for in the pane and never typed again by itself. Found: delivered. Not found: the host stopped before
    /// typing it, so the same command is held for a human's approval under a new id (notified like any approval).</summary>
    private async Task<BranchState> CheckReceiptsAsync(BranchState state, PaneSnapshot snapshot)
    {
        foreach (var c in state.AwaitingReceipt.ToList())
        {
            var typed = PaneTyper.TypedText(c.Spec, c.CommandId, _settings.Config.CommandTimeoutSeconds) ?? c.Spec.Display;
            var needle = typed.Length > 200 ? typed[..200] : typed;
            var seen = snapshot.Text.Contains(needle, StringComparison.Ordinal);
            _log.LogInformation("{Branch}: command {Id} had no receipt; {Found} in the pane (not re-sent{Ask})", state.Branch, c.CommandId,
                seen ? "found" : "not found", seen ? "" : "; sending it again needs approval");
            var receipt = new ReportDelivery(c.CommandId, seen, seen ? null : "no receipt before restart and not seen in the pane; not re-sent",
                AskBeforeResending: !seen);
            state = await AppendAndActAsync(state, BranchDecider.Decide(state, receipt, _policy, Now), null).ConfigureAwait(false);
        }
        return state;
    }

    /// <summary>Reads exit statuses of running shell commands back from their sentinel lines.</summary>
    private async Task<BranchState> CheckCompletionsAsync(BranchState state, PaneSnapshot snapshot)
    {
        foreach (var c in state.Running.ToList())
        {
            if (SentinelTrailer.FindExitStatus(snapshot.Text, SentinelTrailer.TagOf(c.CommandId)) is not { } status) continue;
            var events = BranchDecider.Decide(state, new ReportCompletion(c.CommandId, status), _policy, Now);
            foreach (var e in events) Log(e);
            state = await AppendAsync(state, events).ConfigureAwait(false);
        }
        return state;
    }

    private void Notify(string branch, string title, string body, DateTimeOffset at, string kind, string? commandId = null)
    {
        if (_settings.Agent.NotifiesLocalBus) TryBus(() => _bus.Notify(branch, title, body, at, kind, commandId));
    }

    private void TryBus(Action write)
    {
        try { write(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { _log.LogError("LocalBus not written: {Message}", e.Message); }
    }

    private void Log(BranchEvent e)
    {
        switch (e)
        {
            case CommandDispatched d:
                _log.LogInformation("{Branch}: {Mode} {Text}", d.Branch, d.DryRun ? "dry-run, recorded" : "dispatched", d.Spec.Display); break;
            case CommandQueued q: _log.LogInformation("{Branch}: queued ({Reason}) {Text}", q.Branch, q.Reason, q.Spec.Display); break;
            case ConfirmationRequested r: _log.LogInformation("{Branch}: waiting for approval ({Id}) {Text}", r.Branch, r.CommandId, r.Spec.Display); break;
            case CommandDeliveryFailed f: _log.LogWarning("{Branch}: delivery of {Id} failed: {Reason}", f.Branch, f.CommandId, f.Reason); break;
            case CommandCompleted c: _log.LogInformation("{Branch}: {Id} exited with {Status}", c.Branch, c.CommandId, c.ExitStatus); break;
            case PhaseChanged p: _log.LogInformation("{Branch}: phase {From} -> {To}", p.Branch, p.From, p.To); break;
            case BranchBlocked b: _log.LogInformation("{Branch}: blocked on {Deps}", b.Branch, string.Join(", ", b.WaitingOn)); break;
            case BranchUnblocked u: _log.LogInformation("{Branch}: unblocked ({Reason})", u.Branch, u.Reason); break;
            case StallDetected s: _log.LogWarning("{Branch}: command {Id} stalled ({Count})", s.Branch, s.CommandId, s.Count); break;
            case StuckChecked { Stuck: true } s: _log.LogWarning("{Branch}: the agent is stuck: {Reason}", s.Branch, s.Reason); break;
            case DelegateSuggested d: _log.LogInformation("{Branch}: delegate suggestions (not typed): {Texts}", d.Branch, string.Join(" | ", d.Commands.Select(c => c.Display))); break;
            case SummaryRecorded r: _log.LogInformation("{Branch}: summary: {Summary}", r.Branch, r.Summary); break;
            default: _log.LogDebug("{Branch}: {Event}", e.Branch, e.GetType().Name); break;
        }
    }
}
