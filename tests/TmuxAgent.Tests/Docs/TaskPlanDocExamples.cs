using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;
using TmuxAgent.Core.Tasks;
using TmuxAgent.Core.Testing;

namespace TmuxAgent.Tests.Docs;

/// <summary>The examples of docs/testing-task-plans.md, verbatim.</summary>
public class TaskPlanDocExamples
{
    [Test]
    public void Ui_waits_for_the_api()
    {
        var plan = new PlanSimulation([
            new TaskPlan("app/api", "API", ["planning", "done"], []),
            new TaskPlan("app/ui", "UI", ["planning", "done"], DependsOn: ["app/api"]),
        ]);

        plan.Tick("app/ui").OfType<BranchBlocked>().Single().WaitingOn.Should().Equal("app/api");

        plan.Tick("app/api");                                   // the api asks for a decision …
        plan.Apply("app/api", new ReceiveDecision(plan["app/api"].OpenDecisionId!,
            new Decision("finished", [], Phase: "done"), PaneObservation.Idle, LatencySeconds: 1));

        plan.Tick("app/ui").OfType<BranchUnblocked>().Single().Reason.Should().Be("app/api reached 'done'");
    }

    [Test]
    public void Pushing_needs_a_human()
    {
        var s = BranchScenario.For(new TaskPlan("app/api", "API", ["planning", "done"], []));
        var events = s.When(s.Decision(new Decision("ship it", [CommandSpec.Of("git push", risk: "high")])));
        events.OfType<ConfirmationRequested>().Should().ContainSingle();
    }

    [Test]
    public void The_doc_still_shows_these_examples()
    {
        var doc = File.ReadAllText(Path.Combine(RepoRoot.Path, "docs", "testing-task-plans.md"));
        doc.Should().Contain("plan.Tick(\"app/ui\").OfType<BranchUnblocked>().Single().Reason.Should().Be(\"app/api reached 'done'\");");
        doc.Should().Contain("CommandSpec.Of(\"git push\", risk: \"high\")");
    }
}
