using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;
using TmuxAgent.Core.Policy;
using TmuxAgent.Core.Tasks;
using TmuxAgent.Core.Testing;

namespace TmuxAgent.Tests.Plan;

/// <summary>The C# form of a plan scenario, as docs/plan-testing.md shows it (Core's PlanScenario, no YAML, no NUnit in Core).</summary>
public class PlanScenarioCSharpSpecs
{
    // --- from docs/plan-testing.md ---
    private static readonly TaskPlan[] Storyapp =
    [
        new("storyapp/story-model", "Story data model", ["planning", "coding", "testing", "done"], []),
        new("storyapp/story-api", "REST API", ["planning", "coding", "testing", "review", "done"], ["storyapp/story-model"]),
    ];

    [Test]
    public void The_api_starts_after_the_model_and_its_push_waits_for_a_human()
    {
        var plan = new PlanScenario(Storyapp, OrchestratorPolicy.Default, name: "storyapp");

        plan.Cycle("storyapp/story-api").Then(Expect.BlockedBy("storyapp/story-model"));
        plan.Decision("storyapp/story-model", new Decision("migrated", [], Phase: "done")).Then(Expect.Phase("done"));
        plan.Cycle("storyapp/story-api").Then(Expect.Unblocked(), Expect.DecisionRequested());

        plan.Decision("storyapp/story-api", new Decision("ship", [CommandSpec.Of("git push", risk: "high"), CommandSpec.Of("npm test")]),
                names: ["push", null])
            .Then(Expect.Pending("push"), Expect.Dispatched("npm test"));
        plan.AdvanceSeconds(30).Approve("storyapp/story-api", "push").Then(Expect.Approved("push"), Expect.Dispatched("push"));
    }
    // --- end ---

    [Test]
    public void An_unmet_expectation_throws_with_the_scenario_step_expected_and_got()
    {
        var plan = new PlanScenario(Storyapp, name: "storyapp");
        plan.Cycle("storyapp/story-api");

        var act = () => plan.Then(Expect.DecisionRequested());

        act.Should().Throw<ScenarioExpectationException>().Which.Message.Should()
            .Contain("scenario \"storyapp\", step 1: cycle storyapp/story-api (pane idle)")
            .And.Contain("expected: decision_requested: true")
            .And.Contain("got:      decision_requested: false")
            .And.Contain("happened: blocked by storyapp/story-model");
    }

    [Test]
    public void A_step_for_a_branch_outside_the_plan_is_refused()
    {
        var plan = new PlanScenario(Storyapp);
        plan.Invoking(p => p.Cycle("storyapp/typo")).Should().Throw<ArgumentException>().WithMessage("*no task has branch \"storyapp/typo\"*");
    }

    [Test]
    public void Commands_are_named_by_name_or_by_exact_text()
    {
        var plan = new PlanScenario(Storyapp);
        plan.Decision("storyapp/story-model", new Decision("x", [CommandSpec.Of("rm -rf dist", risk: "critical")]), names: ["wipe"])
            .Then(Expect.Pending("wipe"), Expect.Pending("rm -rf dist"), Expect.AwaitingApproval(new ExpectedCommand("wipe")));
        plan.Deny("storyapp/story-model", "rm -rf dist").Then(Expect.Denied("wipe"), Expect.AwaitingApproval());
        plan.Invoking(p => p.Then(Expect.Denied("something else"))).Should().Throw<ScenarioExpectationException>();
    }

    [Test]
    public void The_doc_shows_this_example()
    {
        var doc = File.ReadAllText(Path.Combine(RepoRoot.Path, "docs", "plan-testing.md"));
        doc.Should().Contain("plan.Cycle(\"storyapp/story-api\").Then(Expect.BlockedBy(\"storyapp/story-model\"));");
        doc.Should().Contain("plan.AdvanceSeconds(30).Approve(\"storyapp/story-api\", \"push\").Then(Expect.Approved(\"push\"), Expect.Dispatched(\"push\"));");
        File.ReadAllText(Path.Combine(RepoRoot.Path, "docs", "zh", "plan-testing.md")).Should().Contain("Expect.BlockedBy(\"storyapp/story-model\")");
    }
}
