using System.Text;

namespace TmuxAgent.Core.Testing;

/// <summary>A step whose expectations were not met: which scenario and step, what was expected, what happened.</summary>
/// <param name="Scenario">The scenario's name.</param>
/// <param name="Outcome">The step and what it produced.</param>
/// <param name="Unmet">The expectations not met.</param>
public sealed record ScenarioFailure(string Scenario, StepOutcome Outcome, IReadOnlyList<Expectation> Unmet)
{
    /// <summary>A multi-line report naming the scenario, the step (number and source), each expectation and what happened.</summary>
    public string Describe()
    {
        var step = Outcome.Step;
        var text = new StringBuilder()
            .Append($"scenario \"{Scenario}\", step {Outcome.Number}")
            .Append(step.Source is { } src ? $" at {src}" : "")
            .AppendLine($": {step.Describe()}");
        foreach (var e in Unmet)
            text.AppendLine($"  expected: {e.Describe()}").AppendLine($"  got:      {e.Observed(Outcome)}");
        text.AppendLine($"  happened: {Outcome.DescribeEvents()}");
        if (Outcome.State is not null) text.AppendLine($"  branch:   {Outcome.DescribeState()}");
        return text.ToString().TrimEnd();
    }
}

/// <summary>Thrown by <see cref="PlanScenario.Then"/> when an expectation is not met; the message is <see cref="ScenarioFailure.Describe"/>.</summary>
public sealed class ScenarioExpectationException(ScenarioFailure failure) : Exception(failure.Describe())
{
    /// <summary>The failure.</summary>
    public ScenarioFailure Failure { get; } = failure;
}
