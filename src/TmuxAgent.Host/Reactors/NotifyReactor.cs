using TmuxAgent.Core.Agents;
using TmuxAgent.Core.Branches;
using TmuxAgent.Host.Agents.StuckDetection;
using TmuxAgent.Host.Application;
using TmuxAgent.Host.LocalBus;

namespace TmuxAgent.Host.Reactors;

/// <summary>Notifies (LocalBus <c>notifications.jsonl</c>) what needs a human: approvals asked, stalls and repeated
/// decision failures past their thresholds, a stuck agent (the stuck check's first verdict), and a decision's <c>notify</c> text (unless <c>notify_only_on_confirmation</c>).
/// Nothing in dry-run.</summary>
public sealed class NotifyReactor(LocalBusOutbox bus, bool dryRun, bool onlyOnConfirmation) : IReactor
{
    /// <inheritdoc />
    public Task ReactAsync(Handled handled, ReactionContext context, CancellationToken ct)
    {
        if (dryRun) return Task.CompletedTask;
        foreach (var e in handled.Events)
        {
            switch (e)
            {
                case ConfirmationRequested r:
                    bus.Notify(r.Branch, $"Approval needed: {r.Branch}", $"{r.Spec.Display}\n({r.Reason}; id {r.CommandId})", r.At, "confirmation", r.CommandId);
                    break;
                case StallDetected { Notify: true } s:
                    bus.Notify(s.Branch, $"Stalled: {s.Branch}", $"command {s.CommandId} has not finished (stall {s.Count})", s.At, "stall", s.CommandId);
                    break;
                case StuckChecked { Notify: true } k:
                    bus.Notify(k.Branch, $"Stuck: {k.Branch}", StuckNotice.Body(k), k.At, "stuck");
                    break;
                case DecisionFailed { Notify: true } f:
                    bus.Notify(f.Branch, $"Decision errors: {f.Branch}", $"{f.ConsecutiveFailures} failures in a row, last {f.Kind}: {f.Message}", f.At, "decision_failures");
                    break;
                case CommandNotSubmitted { Typed: true } n:
                    bus.Notify(n.Branch, $"Not submitted: {n.Branch}", $"{n.Agent} did not take command {n.CommandId}: {n.Reason}", n.At, "not_submitted", n.CommandId);
                    break;
                case DecisionReceived { Notify: { Length: > 0 } text } d when !onlyOnConfirmation:
                    bus.Notify(d.Branch, d.Branch, text, d.At, "decision");
                    break;
            }
        }
        return Task.CompletedTask;
    }
}
