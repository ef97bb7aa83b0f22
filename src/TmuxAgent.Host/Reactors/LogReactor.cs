using Microsoft.Extensions.Logging;
using TmuxAgent.Core.Agents;
using TmuxAgent.Core.Branches;
using TmuxAgent.Host.Application;

namespace TmuxAgent.Host.Reactors;

/// <summary>Writes one log line per appended event that an operator reads (dispatches, queueing, approvals asked,
/// failed deliveries, exit statuses, phases, blocking, stalls, stuck agents, delegate suggestions, agent summaries).</summary>
public sealed class LogReactor(ILogger log) : IReactor
{
    /// <inheritdoc />
    public Task ReactAsync(Handled handled, ReactionContext context, CancellationToken ct)
    {
        foreach (var e in handled.Events) Log(e);
        return Task.CompletedTask;
    }

    private void Log(BranchEvent e)
    {
        switch (e)
        {
            case CommandDispatched d:
                log.LogInformation("{Branch}: {Mode} {Text}", d.Branch, d.DryRun ? "dry-run, recorded" : "dispatched", d.Spec.Display); break;
            case CommandQueued q: log.LogInformation("{Branch}: queued ({Reason}) {Text}", q.Branch, q.Reason, q.Spec.Display); break;
            case ConfirmationRequested r: log.LogInformation("{Branch}: waiting for approval ({Id}) {Text}", r.Branch, r.CommandId, r.Spec.Display); break;
            case CommandDelivered { Agent: { } agent } a:
                log.LogInformation("{Branch}: {Agent} took {Id} ({How}, {Presses} Enter)", a.Branch, agent, a.CommandId, a.Confirmation, a.EnterPresses); break;
            case CommandNotSubmitted n:
                log.LogWarning("{Branch}: {Agent} did not take {Id}: {Reason} ({Then})", n.Branch, n.Agent, n.CommandId, n.Reason, n.Typed ? "not typed again" : "queued again"); break;
            case CommandDeliveryFailed f: log.LogWarning("{Branch}: delivery of {Id} failed: {Reason}", f.Branch, f.CommandId, f.Reason); break;
            case CommandCompleted c: log.LogInformation("{Branch}: {Id} exited with {Status}", c.Branch, c.CommandId, c.ExitStatus); break;
            case PhaseChanged p: log.LogInformation("{Branch}: phase {From} -> {To}", p.Branch, p.From, p.To); break;
            case BranchBlocked b: log.LogInformation("{Branch}: blocked on {Deps}", b.Branch, string.Join(", ", b.WaitingOn)); break;
            case BranchUnblocked u: log.LogInformation("{Branch}: unblocked ({Reason})", u.Branch, u.Reason); break;
            case StallDetected s: log.LogWarning("{Branch}: command {Id} stalled ({Count})", s.Branch, s.CommandId, s.Count); break;
            case StuckChecked { Stuck: true } k: log.LogWarning("{Branch}: the agent is stuck: {Reason}", k.Branch, k.Reason); break;
            case DelegateSuggested g: log.LogInformation("{Branch}: delegate suggestions (not typed): {Texts}", g.Branch, string.Join(" | ", g.Commands.Select(c => c.Display))); break;
            case SummaryRecorded r: log.LogInformation("{Branch}: summary: {Summary}", r.Branch, r.Summary); break;
            default: log.LogDebug("{Branch}: {Event}", e.Branch, e.GetType().Name); break;
        }
    }
}
