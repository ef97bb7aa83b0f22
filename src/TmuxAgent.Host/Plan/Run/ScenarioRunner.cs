using TmuxAgent.Core.Testing;
using TmuxAgent.Config;
using TmuxAgent.Host.Plan.Scenarios;

namespace TmuxAgent.Host.Plan.Run;

/// <summary>The result of one scenario: passed, or the first step whose expectations were not met.</summary>
/// <param name="Scenario">The scenario.</param>
/// <param name="Failure">Null when it passed.</param>
/// <param name="StepsRun">Steps run (all of them when it passed; up to the failing one otherwise).</param>
public sealed record ScenarioResult(ScenarioDefinition Scenario, ScenarioFailure? Failure, int StepsRun)
{
    /// <summary>True when every expectation was met.</summary>
    public bool Passed => Failure is null;
}

/// <summary>Runs scenarios through Core's <see cref="PlanScenario"/> with the tasks and policy of orchestrator.toml.</summary>
public static class ScenarioRunner
{
    /// <summary>Steps naming a branch no task has: errors naming file, line and field.</summary>
    public static IReadOnlyList<ConfigDiagnostic> UnknownBranches(ScenarioFile file, OrchestratorConfig config)
    {
        var branches = config.Tasks.Select(t => t.Branch).ToHashSet(StringComparer.Ordinal);
        return file.Scenarios.SelectMany(s => s.Steps)
            .Where(s => s.Step is BranchStep b && !branches.Contains(b.Branch))
            .Select(s => new ConfigDiagnostic(s.Location, s.Field,
                $"no task has branch \"{((BranchStep)s.Step).Branch}\" in {config.DisplayPath} (tasks: {string.Join(", ", branches)})", true))
            .ToList();
    }

    /// <summary>Runs every scenario; each starts from a fresh plan. Deterministic: the same file and config give the same results.</summary>
    public static IReadOnlyList<ScenarioResult> Run(ScenarioFile file, OrchestratorConfig config) =>
        file.Scenarios.Select(s => Run(s, file, config)).ToList();

    private static ScenarioResult Run(ScenarioDefinition scenario, ScenarioFile file, OrchestratorConfig config)
    {
        var policy = scenario.Policy.Apply(file.Policy.Apply(config.ToPolicy()));
        var plan = new PlanScenario(config.Tasks.Select(t => t.ToPlan()), policy, scenario.Name);
        foreach (var step in scenario.Steps)
        {
            var outcome = plan.Run(step.Step);
            if (plan.Verify(outcome, step.Expect) is { } failure) return new ScenarioResult(scenario, failure, plan.StepCount);
        }
        return new ScenarioResult(scenario, null, plan.StepCount);
    }
}
