using TmuxAgent.Core.Audit;
using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;
using TmuxAgent.Core.Policy;

namespace TmuxAgent.Replay.Rerun;

/// <summary>
/// "What would this policy have done": for every recorded <see cref="DecisionReceived"/>, runs the real
/// <see cref="BranchDecider.Decide"/> on the branch's recorded state just before it, with the recorded inputs
/// (decision, pane busy, latency, time) and the new policy, and compares each command's outcome with the
/// recorded one. The state then follows what was actually recorded, so every decision is judged on its own.
/// </summary>
internal static class PolicyRerun
{
    public static RerunReport Run(IEnumerable<AuditEvent> recorded, OrchestratorPolicy policy, string? branch = null)
    {
        var byBranch = recorded.Select(a => a.Event).Where(e => branch is null || e.Branch == branch)
            .GroupBy(e => e.Branch, StringComparer.Ordinal);
        var changes = new List<DecisionChange>();
        int decisions = 0, commands = 0, branches = 0;
        foreach (var group in byBranch.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            branches++;
            var events = group.ToList();
            var state = BranchState.New(group.Key);
            for (var j = 0; j < events.Count; j++)
            {
                if (events[j] is DecisionReceived d)
                {
                    decisions++;
                    commands += d.Commands.Count;
                    changes.AddRange(Compare(state, d, FollowingFacts(events, j), policy));
                }
                state = BranchEvolver.Evolve(state, events[j]);
            }
        }
        return new RerunReport(branches, decisions, commands, changes);
    }

    /// <summary>The recorded facts Decide produced together with decision <paramref name="j"/>: same time, up to the next decision.</summary>
    private static List<BranchEvent> FollowingFacts(List<BranchEvent> events, int j)
    {
        var at = events[j].At;
        var facts = new List<BranchEvent>();
        for (var k = j + 1; k < events.Count && events[k].At == at && events[k] is not DecisionReceived; k++) facts.Add(events[k]);
        return facts;
    }

    private static IEnumerable<DecisionChange> Compare(BranchState before, DecisionReceived d, List<BranchEvent> recorded, OrchestratorPolicy policy)
    {
        var input = new ReceiveDecision(d.DecisionId,
            new Decision(d.Summary, d.Commands, d.RequiresConfirmation, d.Phase, d.Blockers, d.Notify),
            new PaneObservation(d.PaneBusy), d.LatencySeconds);
        var now = BranchDecider.Decide(before, input, policy, d.At);
        for (var i = 0; i < d.Commands.Count; i++)
        {
            var id = CommandIds.For(d.DecisionId, i);
            var was = Outcome.Of(recorded, id) ?? Outcome.NotRecorded;
            var will = Outcome.Of(now, id) ?? Outcome.NotRecorded;
            if (was != will) yield return new DecisionChange(d.Branch, d.At, d.DecisionId, id, d.Commands[i].Display, was, will);
        }
    }
}

/// <summary>One command whose outcome the new policy changes.</summary>
internal sealed record DecisionChange(string Branch, DateTimeOffset At, string DecisionId, string CommandId, string Command, Outcome Recorded, Outcome Now);

/// <summary>The result of a re-run.</summary>
internal sealed record RerunReport(int Branches, int Decisions, int Commands, IReadOnlyList<DecisionChange> Changes);
