using TmuxAgent.Core.Agents;
using TmuxAgent.Core.Commands;
using TmuxAgent.Core.Policy;

namespace TmuxAgent.Core.Branches;

public static partial class BranchDecider
{
    /// <summary>A decision arrived: record it, move the phase, then place each command.</summary>
    private static void TakeDecision(Facts f, ReceiveDecision d, OrchestratorPolicy policy)
    {
        if (WasAskedQuietly(f.State, d.DecisionId))
        {
            if (Repeats(f.State, d.Decision)) { CountRepeat(f, d, policy); return; }
            RecordQuietRequest(f, d.DecisionId, f.Now.AddSeconds(-Math.Max(0, d.LatencySeconds)));
        }
        var wasCompleted = f.State.IsCompleted(policy.CompletionPhase);
        var decision = d.Decision;
        if (CommandRules.Problem(decision.Commands) is { } problem)
        {
            // keys that are not key names, control characters: the whole decision is bad output, nothing of it is typed
            BackOff(f, new FailDecision(d.DecisionId, DecisionErrorKinds.InvalidPayloadType, problem), policy);
            return;
        }
        f.Add(new DecisionReceived(d.DecisionId, decision.Summary, decision.Commands, decision.RequiresConfirmation,
            decision.Phase, decision.Blockers ?? [], decision.Notify, d.LatencySeconds, d.Pane.Busy) { Branch = f.Branch, At = f.Now });
        if (!string.IsNullOrEmpty(decision.Phase) && decision.Phase != f.State.Phase)
            f.Add(new PhaseChanged(f.State.Phase, decision.Phase) { Branch = f.Branch, At = f.Now });

        if (policy.DelegateToCodex)
        {
            if (decision.Commands.Count > 0) f.Add(new DelegateSuggested(d.DecisionId, decision.Commands) { Branch = f.Branch, At = f.Now });
            return;
        }
        var taken = 0;
        for (var i = 0; i < decision.Commands.Count; i++)
        {
            var spec = decision.Commands[i];
            var id = CommandIds.For(d.DecisionId, i);
            var dropReason = WhyDrop(f.State, spec, wasCompleted, taken, policy);
            if (dropReason is not null)
            {
                f.Add(new CommandDropped(id, spec, dropReason) { Branch = f.Branch, At = f.Now });
                continue;
            }
            taken++;
            Place(f, id, spec, decision.RequiresConfirmation, d.Pane, policy);
        }
    }

    private static string? WhyDrop(BranchState s, CommandSpec spec, bool wasCompleted, int taken, OrchestratorPolicy policy)
    {
        if (string.IsNullOrEmpty(spec.Text) && spec.Keys.Count == 0) return DropReasons.Empty;
        if (wasCompleted) return DropReasons.Completed;
        if (s.IsBlocked) return DropReasons.Blocked;
        if (taken >= policy.MaxCommandsPerCycle) return DropReasons.OverCycleLimit;
        if (IsDuplicate(s, spec)) return DropReasons.Duplicate;
        return null;
    }

    private static bool IsDuplicate(BranchState s, CommandSpec spec) =>
        s.Queue.Exists(q => q.Spec.DedupKey == spec.DedupKey) || s.Pending.Exists(p => p.Spec.DedupKey == spec.DedupKey);

    /// <summary>Risky commands wait for a human; the rest queue behind a busy pane or go out now.</summary>
    private static void Place(Facts f, string id, CommandSpec spec, bool requiresConfirmation, PaneObservation pane, OrchestratorPolicy policy)
    {
        var session = f.State.Session;
        if (WhyAskFirst(spec, requiresConfirmation, policy) is { } reason)
        {
            f.Add(new ConfirmationRequested(id, session, spec, reason) { Branch = f.Branch, At = f.Now });
            return;
        }
        var wait = WhyWait(f.State, pane, policy, f.Now);
        f.Add(wait is null
            ? Dispatch(f, id, session, spec, policy, fromQueue: false, approved: false)
            : new CommandQueued(id, session, spec, wait) { Branch = f.Branch, At = f.Now });
    }

    /// <summary>Why a command needs a human's yes first, or null: the decision said so, its risk label is high or unknown
    /// (fail closed), or a pattern of the risk policy matches its text or keys.</summary>
    private static string? WhyAskFirst(CommandSpec spec, bool requiresConfirmation, OrchestratorPolicy policy) =>
        requiresConfirmation ? ConfirmationReasons.RequiresConfirmation
        : RiskLevels.ApprovalReason(spec.RiskLevel, policy)
        ?? (policy.Risk.FirstMatch(spec.Text, spec.Keys) is { } pattern ? ConfirmationReasons.PolicyPrefix + pattern : null);

    /// <summary>Why a command cannot go out now, or null when it can.</summary>
    private static string? WhyWait(BranchState s, PaneObservation pane, OrchestratorPolicy policy, DateTimeOffset now) =>
        pane.Busy ? QueueReasons.PaneBusy
        : SessionCoolingDown(s, policy, now) ? QueueReasons.SessionCooldown
        : !s.Queue.IsEmpty ? QueueReasons.BehindQueue
        : null;

    /// <summary>The decision source failed: the request is recorded if it was asked quietly, then the back-off.</summary>
    private static void FailedDecision(Facts f, FailDecision fail, OrchestratorPolicy policy)
    {
        if (WasAskedQuietly(f.State, fail.DecisionId)) RecordQuietRequest(f, fail.DecisionId, f.Now);
        BackOff(f, fail, policy);
    }

    private static void BackOff(Facts f, FailDecision fail, OrchestratorPolicy policy)
    {
        var n = f.State.ConsecutiveFailures + 1;
        var delay = Math.Min(policy.PollIntervalSeconds * Math.Pow(2, n - 1), policy.MaxBackoffSeconds);
        f.Add(new DecisionFailed(fail.DecisionId, fail.Kind, fail.Message, n, f.Now.AddSeconds(delay), n == policy.FailureAlertThreshold)
            { Branch = f.Branch, At = f.Now });
    }
}
