using TmuxAgent.Core.Agents;
using TmuxAgent.Core.Commands;
using TmuxAgent.Core.Policy;

namespace TmuxAgent.Core.Branches;

/// <summary>
/// The orchestrator's policy as a pure function: given a branch's state, an input, the policy and the time,
/// which facts follow. Deterministic: no clock, randomness or I/O.
/// </summary>
public static partial class BranchDecider
{
    /// <summary>The events that follow <paramref name="input"/>, given the repeated answers the host has counted and
    /// not recorded yet (<paramref name="unrecorded"/>, see <see cref="QuietRun"/>); empty when nothing happens.</summary>
    public static IReadOnlyList<BranchEvent> Decide(BranchState state, BranchInput input, OrchestratorPolicy policy, DateTimeOffset now, QuietRun? unrecorded = null)
    {
        var facts = new Facts(state, now) { Unrecorded = unrecorded };
        switch (input)
        {
            case PlanTask p: PlanOrChange(facts, p, policy); break;
            case Tick t: Cycle(facts, t, policy); break;
            case ReceiveDecision d: TakeDecision(facts, d, policy); break;
            case FailDecision f: FailedDecision(facts, f, policy); break;
            case RecordQuietRun: RecordRun(facts); break;
            case Approve a: ApproveOne(facts, a, policy); break;
            case Deny d: DenyOne(facts, d); break;
            case ReportDelivery r: RecordDelivery(facts, r); break;
            case ReportSubmission r: RecordSubmission(facts, r); break;
            case ReportCompletion c: RecordCompletion(facts, c); break;
            case RecordSummary s: TakeSummary(facts, s); break;
            case ReportStuck r: TakeStuckVerdict(facts, r, policy); break;
        }
        return facts.Events;
    }

    private static void PlanOrChange(Facts f, PlanTask p, OrchestratorPolicy policy)
    {
        if (f.State.Plan is null) f.Add(new TaskPlanned(p.Plan, policy.DefaultPhase) { Branch = f.Branch, At = f.Now });
        else if (!f.State.Plan.Equals(p.Plan)) f.Add(new TaskChanged(p.Plan) { Branch = f.Branch, At = f.Now });
    }

    /// <summary>One cycle: dependencies, stalls, the queue, then maybe a new decision request (recorded unless the last
    /// answer did nothing: then the host asks quietly, <see cref="AsksForDecision"/>).</summary>
    private static void Cycle(Facts f, Tick t, OrchestratorPolicy policy)
    {
        RecordRunIfDue(f, policy);
        CheckDependencies(f, t, policy);
        DetectStall(f, policy);
        if (f.State.IsBlocked || f.State.IsCompleted(policy.CompletionPhase)) return;
        DrainQueue(f, t.Pane, policy);
        if (ShouldAskForDecision(f.State, policy, f.Now) && f.State.QuietAnswer is null)
            f.Add(new DecisionRequested(t.DecisionId) { Branch = f.Branch, At = f.Now });
    }

    private static void CheckDependencies(Facts f, Tick t, OrchestratorPolicy policy)
    {
        var deps = f.State.Plan?.DependsOn ?? [];
        var waiting = deps.Where(d => t.DependencyPhases.GetValueOrDefault(d) != policy.CompletionPhase).ToList();
        if (waiting.Count > 0 && !waiting.SequenceEqual(f.State.WaitingOn))
            f.Add(new BranchBlocked(waiting) { Branch = f.Branch, At = f.Now });
        else if (waiting.Count == 0 && f.State.IsBlocked)
        {
            var reason = $"{string.Join(", ", f.State.WaitingOn)} reached '{policy.CompletionPhase}'";
            f.Add(new BranchUnblocked(reason) { Branch = f.Branch, At = f.Now });
        }
    }

    private static void DetectStall(Facts f, OrchestratorPolicy policy)
    {
        if (policy.StallTimeoutSeconds <= 0 || f.State.Running.IsEmpty) return;
        var oldest = f.State.Running[0];
        var count = f.State.StallCount + 1;
        if ((f.Now - oldest.Since).TotalSeconds < policy.StallTimeoutSeconds * count) return;
        f.Add(new StallDetected(oldest.CommandId, count, count >= policy.StallRetriesBeforeNotify) { Branch = f.Branch, At = f.Now });
    }

    private static void DrainQueue(Facts f, PaneObservation pane, OrchestratorPolicy policy)
    {
        for (var sent = 0; sent < policy.MaxCommandsPerCycle && !f.State.Queue.IsEmpty; sent++)
        {
            if (pane.Busy || SessionCoolingDown(f.State, policy, f.Now)) return;
            var next = f.State.Queue[0];
            f.Add(Dispatch(f, next.CommandId, next.Session, next.Spec, policy, fromQueue: true, approved: next.Approved));
        }
    }

    private static bool ShouldAskForDecision(BranchState s, OrchestratorPolicy policy, DateTimeOffset now) =>
        s.Queue.IsEmpty && s.Pending.IsEmpty && !BackingOff(s, now) && !BranchCoolingDown(s, policy, now);

    private static bool BackingOff(BranchState s, DateTimeOffset now) => s.RetryAt is { } retry && now < retry;

    private static bool BranchCoolingDown(BranchState s, OrchestratorPolicy policy, DateTimeOffset now) =>
        s.LastDispatchAt is { } last && (now - last).TotalSeconds < policy.CooldownSeconds;

    private static bool SessionCoolingDown(BranchState s, OrchestratorPolicy policy, DateTimeOffset now) =>
        s.LastDispatchAt is { } last && (now - last).TotalSeconds < policy.SessionCooldownSeconds;

    private static CommandDispatched Dispatch(Facts f, string id, string session, CommandSpec spec, OrchestratorPolicy policy, bool fromQueue, bool approved) =>
        new(id, session, spec, policy.DryRun, fromQueue, approved) { Branch = f.Branch, At = f.Now };
}
