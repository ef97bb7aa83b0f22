using System.Collections.Immutable;
using TmuxAgent.Core.Agents;
using TmuxAgent.Core.Commands;

namespace TmuxAgent.Core.Branches;

/// <summary>Folds facts into <see cref="BranchState"/>. Never fails and never decides: it only records.</summary>
public static class BranchEvolver
{
    /// <summary>The state after <paramref name="e"/>.</summary>
    public static BranchState Evolve(BranchState state, BranchEvent e)
    {
        var s = Apply(state, e);
        return s with { LastEventAt = e.At };
    }

    /// <summary>Folds a sequence of events from <paramref name="state"/>.</summary>
    public static BranchState Fold(BranchState state, IEnumerable<BranchEvent> events)
    {
        foreach (var e in events) state = Evolve(state, e);
        return state;
    }

    private static BranchState Apply(BranchState s, BranchEvent e) => e switch
    {
        TaskPlanned p => s with { Plan = p.Plan, Phase = string.IsNullOrEmpty(s.Phase) ? p.InitialPhase : s.Phase },
        TaskChanged c => s with { Plan = c.Plan },
        DecisionRequested r => s with { OpenDecisionId = r.DecisionId },
        DecisionReceived d => s with
        {
            OpenDecisionId = null, ConsecutiveFailures = 0, RetryAt = null,
            LastSummary = d.Summary ?? s.LastSummary, ReportedBlockers = d.Blockers, QuietAnswer = QuietAnswers.Of(d),
            Counters = s.Counters with { Decisions = s.Counters.Decisions + 1 },
        },
        DecisionsRepeated r => s with { Counters = s.Counters with { Decisions = s.Counters.Decisions + r.Count, RepeatedDecisions = s.Counters.RepeatedDecisions + r.Count } },
        DecisionFailed f => s with
        {
            OpenDecisionId = null, ConsecutiveFailures = f.ConsecutiveFailures, RetryAt = f.RetryAt, QuietAnswer = null,
            Counters = s.Counters with { DecisionErrors = Increment(s.Counters.DecisionErrors, f.Kind) },
        },
        CommandQueued q => s with
        {
            Queue = s.Queue.Add(new CommandRef(q.CommandId, q.Session, q.Spec, q.At, q.Reason == QueueReasons.Approved)),
            Counters = s.Counters with { Queued = s.Counters.Queued + 1 },
        },
        CommandDispatched d => Dispatched(s, d),
        CommandDelivered d => Delivered(s with { Counters = Submitted(s.Counters, d) }, d.CommandId, d.Agent),
        CommandNotSubmitted n => s with
        {
            AwaitingReceipt = Without(s.AwaitingReceipt, n.CommandId),
            Counters = Submitted(n.Typed ? s.Counters with { Failures = s.Counters.Failures + 1 } : s.Counters, n),
        },
        CommandDeliveryFailed f => s with
        {
            AwaitingReceipt = Without(s.AwaitingReceipt, f.CommandId),
            Counters = s.Counters with { Failures = s.Counters.Failures + 1 },
        },
        CommandCompleted c => s with
        {
            Running = Without(s.Running, c.CommandId), AwaitingReceipt = Without(s.AwaitingReceipt, c.CommandId), StallCount = 0,
            Counters = c.ExitStatus == 0
                ? s.Counters with { Successes = s.Counters.Successes + 1 }
                : s.Counters with { Failures = s.Counters.Failures + 1 },
        },
        CommandDropped => s with { Counters = s.Counters with { Dropped = s.Counters.Dropped + 1 } },
        ConfirmationRequested r => s with
        {
            Pending = s.Pending.Add(new CommandRef(r.CommandId, r.Session, r.Spec, r.At, Reason: r.Reason)),
            Counters = r.Reason.StartsWith(Policy.RiskLevels.UnknownPrefix, StringComparison.Ordinal)
                ? s.Counters with { UnknownRiskLevels = s.Counters.UnknownRiskLevels + 1 } : s.Counters,
        },
        ConfirmationApproved a => s with
        {
            Pending = Without(s.Pending, a.CommandId),
            Counters = s.Counters with { Approvals = s.Counters.Approvals + 1 },
        },
        ConfirmationDenied d => s with
        {
            Pending = Without(s.Pending, d.CommandId),
            Counters = s.Counters with { Denials = s.Counters.Denials + 1 },
        },
        BranchBlocked b => s with { WaitingOn = [.. b.WaitingOn] },
        BranchUnblocked => s with { WaitingOn = [] },
        PhaseChanged p => s with { Phase = p.To },
        StallDetected st => s with { StallCount = st.Count, Counters = s.Counters with { Stalls = s.Counters.Stalls + 1 } },
        SummaryRecorded r => s with { Summaries = Keep(s.Summaries.Add(r), BranchDecider.SummariesKept) },
        StuckChecked c => s with
        {
            LastStuckCheck = c,
            Counters = c.Stuck ? s.Counters with { StuckVerdicts = s.Counters.StuckVerdicts + 1 } : s.Counters,
        },
        DelegateSuggested d => s with { LastDelegateSuggestions = d },
        _ => s,
    };

    private static ImmutableList<T> Keep<T>(ImmutableList<T> list, int last) => list.Count <= last ? list : list.RemoveRange(0, list.Count - last);

    private static BranchState Dispatched(BranchState s, CommandDispatched d)
    {
        var inFlight = new CommandRef(d.CommandId, d.Session, d.Spec, d.At, d.Approved);
        return s with
        {
            Queue = Without(s.Queue, d.CommandId),
            AwaitingReceipt = d.DryRun ? s.AwaitingReceipt : s.AwaitingReceipt.Add(inFlight),
            LastDispatchAt = d.At,
            LastCommand = d.Spec.Display,
            Counters = d.DryRun
                ? s.Counters with { DryRun = s.Counters.DryRun + 1 }
                : s.Counters with { Dispatched = s.Counters.Dispatched + 1 },
        };
    }

    private static BranchState Delivered(BranchState s, string commandId, string? agent)
    {
        var cmd = s.AwaitingReceipt.Find(c => c.CommandId == commandId);
        if (cmd is null) return s;
        var tracksExit = agent is null && cmd.Spec.InputMode == InputModes.Shell && cmd.Spec.Text is not null && cmd.Spec.Enter;
        return s with
        {
            AwaitingReceipt = Without(s.AwaitingReceipt, commandId),
            Running = tracksExit ? s.Running.Add(cmd) : s.Running,
        };
    }

    private static ImmutableList<CommandRef> Without(ImmutableList<CommandRef> list, string commandId)
    {
        var i = list.FindIndex(c => c.CommandId == commandId);
        return i < 0 ? list : list.RemoveAt(i);
    }

    /// <summary>Counts an agent's receipt under its agent and result (<see cref="AgentSubmissionResults.Of"/>).</summary>
    private static BranchCounters Submitted(BranchCounters c, BranchEvent receipt)
    {
        if (AgentSubmissionResults.Of(receipt) is not { } counted) return c;
        var byResult = c.AgentSubmissions.GetValueOrDefault(counted.Agent) ?? ImmutableSortedDictionary<string, long>.Empty;
        return c with { AgentSubmissions = c.AgentSubmissions.SetItem(counted.Agent, Increment(byResult, counted.Result)) };
    }

    private static ImmutableSortedDictionary<string, long> Increment(ImmutableSortedDictionary<string, long> d, string key) =>
        d.SetItem(key, d.GetValueOrDefault(key) + 1);
}

/// <summary>Why a command was queued.</summary>
public static class QueueReasons
{
    /// <summary>The pane was busy.</summary>
    public const string PaneBusy = "pane_busy";
    /// <summary>The session had a dispatch within <c>session_cooldown_seconds</c>.</summary>
    public const string SessionCooldown = "session_cooldown";
    /// <summary>A human approved it; it goes out at the next idle moment.</summary>
    public const string Approved = "approved";
    /// <summary>Older commands are still queued; order is kept.</summary>
    public const string BehindQueue = "behind_queue";
}
