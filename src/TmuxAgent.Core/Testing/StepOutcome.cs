using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;

namespace TmuxAgent.Core.Testing;

/// <summary>What one step of a <see cref="PlanScenario"/> produced: its events and the branch's state afterwards.</summary>
/// <param name="Number">1-based position of the step in its scenario.</param>
/// <param name="Step">The step.</param>
/// <param name="Events">The events decided for it (empty for a clock advance or a check).</param>
/// <param name="State">The state of the step's branch afterwards (null for a clock advance).</param>
/// <param name="Commands">The scenario's command names and texts at that moment.</param>
public sealed record StepOutcome(int Number, ScenarioStep Step, IReadOnlyList<BranchEvent> Events, BranchState? State, CommandBook Commands)
{
    /// <summary>A cycle step after which the decision source is asked: with a recorded <see cref="DecisionRequested"/>, or
    /// quietly after a no-op answer (<see cref="BranchDecider.AsksForDecision"/>).</summary>
    public bool AsksForDecision { get; init; }

    /// <summary>The events, one per line-ready phrase (e.g. <c>queued "npm test" (pane_busy)</c>), or <c>nothing</c>.</summary>
    public string DescribeEvents() =>
        Events.Count == 0 ? "nothing" : string.Join("; ", Events.Select(Commands.Describe));

    /// <summary>The branch afterwards: phase, queue, commands awaiting approval, blockers.</summary>
    public string DescribeState() => State is not { } s ? "" :
        $"phase {s.Phase}; queue [{List(s.Queue)}]; awaiting approval [{List(s.Pending)}]; blocked by [{string.Join(", ", s.WaitingOn)}]";

    private static string List(IEnumerable<CommandRef> commands) => string.Join(", ", commands.Select(c => $"\"{c.Spec.Display}\""));
}
