using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;
using TmuxAgent.Core.Policy;
using TmuxAgent.Core.Tasks;
using TmuxAgent.Core.Testing;

namespace TmuxAgent.Tests.Branches;

/// <summary>Given facts, when an input arrives, then these facts follow: the policy as specifications.</summary>
public abstract class BranchSpecification
{
    protected const string Branch = "storyapp/feature-x";
    protected static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1_763_900_000);

    protected static OrchestratorPolicy Policy { get; set; } = OrchestratorPolicy.Default;

    protected BranchScenario Scenario { get; private set; } = null!;
    protected IReadOnlyList<BranchEvent> Then { get; private set; } = [];

    [SetUp]
    public void ResetPolicy() => Scenario = null!;

    protected static TaskPlan Plan(string branch = Branch, params string[] dependsOn) =>
        new(branch, "Feature X", ["planning", "coding", "testing", "done"], dependsOn, "alice");

    public BranchSpecification Given(OrchestratorPolicy? policy = null, TaskPlan? plan = null)
    {
        Scenario = BranchScenario.For(plan ?? Plan(), policy ?? OrchestratorPolicy.Default, T0);
        return this;
    }

    public BranchSpecification When(BranchInput input)
    {
        Then = Scenario.When(input);
        return this;
    }

    public BranchSpecification When(Func<BranchScenario, BranchInput> input) => When(input(Scenario));

    public BranchSpecification After(double seconds)
    {
        Scenario.AdvanceSeconds(seconds);
        return this;
    }

    protected T ThenSingle<T>() where T : BranchEvent
    {
        Then.OfType<T>().Should().ContainSingle($"one {typeof(T).Name} was expected among [{Describe(Then)}]");
        return Then.OfType<T>().Single();
    }

    protected void ThenNone<T>() where T : BranchEvent =>
        Then.OfType<T>().Should().BeEmpty($"no {typeof(T).Name} was expected among [{Describe(Then)}]");

    protected static string Describe(IEnumerable<BranchEvent> events) => string.Join(", ", events.Select(e => e.GetType().Name));

    protected static Decision Decide(params CommandSpec[] commands) => new("do it", commands);

    protected static CommandSpec Cmd(string text, string risk = "low") => CommandSpec.Of(text, risk);
}
