using TmuxAgent.Core.Policy;
using TmuxAgent.Core.Testing;
using TmuxAgent.Config;

namespace TmuxAgent.Host.Plan.Scenarios;

/// <summary>A scenario file as read: optional config path and policy overrides, then the scenarios.</summary>
/// <param name="DisplayPath">The path as given (used in messages).</param>
/// <param name="OrchestratorConfig">The <c>orchestrator_config</c> it names, relative to the scenario file's folder (null: not named).</param>
/// <param name="Policy">Overrides for every scenario.</param>
/// <param name="Scenarios">The scenarios, in file order.</param>
public sealed record ScenarioFile(string DisplayPath, string? OrchestratorConfig, PolicyOverrides Policy, IReadOnlyList<ScenarioDefinition> Scenarios);

/// <summary>One scenario: a fresh plan (every task planned, clock at <see cref="PlanScenario.DefaultStart"/>), then its steps.</summary>
public sealed record ScenarioDefinition(string Name, string? Description, SourceLocation Location, PolicyOverrides Policy, IReadOnlyList<ScriptedStep> Steps)
{
    /// <summary>The scenario's field path, e.g. <c>scenarios[2]</c>.</summary>
    public string Field { get; init; } = "";
}

/// <summary>A step with its expectations and where it is written.</summary>
/// <param name="Step">The input (its <see cref="ScenarioStep.Source"/> is <c>file:line</c>).</param>
/// <param name="Expect">What must follow.</param>
/// <param name="Location">Where the step starts.</param>
/// <param name="Field">The step's field path, e.g. <c>scenarios[0].steps[3]</c>.</param>
public sealed record ScriptedStep(ScenarioStep Step, IReadOnlyList<Expectation> Expect, SourceLocation Location, string Field);

/// <summary>Policy values a scenario file sets over those of orchestrator.toml (same key names).</summary>
public sealed record PolicyOverrides(IReadOnlyList<(string Key, Func<OrchestratorPolicy, OrchestratorPolicy> Set)> Values)
{
    /// <summary>No overrides.</summary>
    public static PolicyOverrides None { get; } = new([]);

    /// <summary><paramref name="policy"/> with every override applied.</summary>
    public OrchestratorPolicy Apply(OrchestratorPolicy policy) => Values.Aggregate(policy, (p, v) => v.Set(p));
}
