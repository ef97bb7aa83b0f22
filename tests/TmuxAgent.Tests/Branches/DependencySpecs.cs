using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Tasks;
using TmuxAgent.Core.Testing;

namespace TmuxAgent.Tests.Branches;

public class DependencySpecs
{
    private static readonly string[] Phases = ["planning", "coding", "done"];

    private static PlanSimulation TwoBranchPlan() => new([
        new TaskPlan("storyapp/api", "API", Phases, []),
        new TaskPlan("storyapp/ui", "UI", Phases, ["storyapp/api"]),
    ]);

    [Test]
    public void A_branch_waits_while_its_dependency_is_unfinished()
    {
        var plan = TwoBranchPlan();
        var events = plan.Tick("storyapp/ui");
        events.OfType<BranchBlocked>().Should().ContainSingle().Which.WaitingOn.Should().Equal("storyapp/api");
        events.OfType<DecisionRequested>().Should().BeEmpty();
        plan["storyapp/ui"].IsBlocked.Should().BeTrue();
    }

    [Test]
    public void A_blocked_branch_is_not_blocked_again_every_cycle()
    {
        var plan = TwoBranchPlan();
        plan.Tick("storyapp/ui");
        plan.AdvanceSeconds(45).Tick("storyapp/ui").Should().BeEmpty();
    }

    [Test]
    public void A_branch_unblocks_when_its_dependency_reaches_the_completion_phase_and_says_why()
    {
        var plan = TwoBranchPlan();
        plan.Tick("storyapp/ui");
        plan.Tick("storyapp/api");
        plan.Apply("storyapp/api", new ReceiveDecision(plan["storyapp/api"].OpenDecisionId!, new Decision("coded", [], Phase: "coding"), PaneObservation.Idle, 1));
        plan.Tick("storyapp/ui").Should().BeEmpty("a dependency in 'coding' is not finished");

        plan.AdvanceSeconds(45).Tick("storyapp/api");
        plan.Apply("storyapp/api", new ReceiveDecision(plan["storyapp/api"].OpenDecisionId!, new Decision("finished", [], Phase: "done"), PaneObservation.Idle, 1));
        var events = plan.Tick("storyapp/ui");
        events.OfType<BranchUnblocked>().Should().ContainSingle().Which.Reason.Should().Be("storyapp/api reached 'done'");
        events.OfType<DecisionRequested>().Should().ContainSingle("an unblocked branch asks for its next step in the same cycle");
    }

    [Test]
    public void A_dependency_nobody_planned_blocks()
    {
        var plan = new PlanSimulation([new TaskPlan("a", null, Phases, ["ghost"])]);
        plan.Tick("a").OfType<BranchBlocked>().Should().ContainSingle().Which.WaitingOn.Should().Equal("ghost");
    }

    [Test]
    public void Commands_decided_for_a_blocked_branch_are_dropped()
    {
        var plan = TwoBranchPlan();
        plan.Tick("storyapp/ui");
        var events = plan.Apply("storyapp/ui", new ReceiveDecision("late", new Decision("x", [Core.Commands.CommandSpec.Of("npm test")]), PaneObservation.Idle, 1));
        events.OfType<CommandDropped>().Should().ContainSingle().Which.Reason.Should().Be(DropReasons.Blocked);
    }
}
