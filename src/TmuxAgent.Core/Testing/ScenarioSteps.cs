using TmuxAgent.Core.Branches;

namespace TmuxAgent.Core.Testing;

/// <summary>One input of a <see cref="PlanScenario"/>: something that happens to a branch, or the clock moving.</summary>
public abstract record ScenarioStep
{
    /// <summary>Where the step was written (e.g. <c>plan-scenarios.yaml:42</c>), shown in failures; null when built in code.</summary>
    public string? Source { get; init; }

    /// <summary>What the step does, for messages (e.g. <c>decision storyapp/api</c>).</summary>
    public abstract string Describe();
}

/// <summary>A step that acts on one branch; expectations are about that branch.</summary>
/// <param name="Branch">The branch.</param>
public abstract record BranchStep(string Branch) : ScenarioStep;

/// <summary>One orchestrator cycle for <paramref name="Branch"/> with its pane <paramref name="Busy"/> or idle:
/// dependencies are checked, stalls detected, the queue drained, maybe a decision requested.</summary>
public sealed record CycleStep(string Branch, bool Busy = false) : BranchStep(Branch)
{
    /// <inheritdoc />
    public override string Describe() => $"cycle {Branch} (pane {(Busy ? "busy" : "idle")})";
}

/// <summary>The decision source answers for <paramref name="Branch"/>; the pane is <paramref name="Busy"/> or idle.</summary>
/// <param name="Branch">The branch.</param>
/// <param name="Decision">The answer (commands, phase, requires_confirmation, …).</param>
/// <param name="Busy">Whether the pane is busy when the answer arrives.</param>
public sealed record DecisionStep(string Branch, Decision Decision, bool Busy = false) : BranchStep(Branch)
{
    /// <summary>Names given to the decision's commands, by position (null: unnamed); approvals and expectations may use them.</summary>
    public IReadOnlyList<string?> CommandNames { get; init; } = [];

    /// <inheritdoc />
    public override string Describe() => $"decision {Branch} ({Decision.Commands.Count} command(s){(Decision.Phase is { } p ? $", phase {p}" : "")})";
}

/// <summary>The decision source fails for <paramref name="Branch"/> with <paramref name="Kind"/> (one of <see cref="DecisionErrorKinds"/>).</summary>
public sealed record DecisionErrorStep(string Branch, string Kind, string Message = "scenario") : BranchStep(Branch)
{
    /// <inheritdoc />
    public override string Describe() => $"decision error {Branch} ({Kind})";
}

/// <summary>A human approves the pending command named by <paramref name="Command"/> (a name given in a decision step, else its exact text).</summary>
public sealed record ApproveStep(string Branch, string Command, bool Busy = false, string Who = "scenario") : BranchStep(Branch)
{
    /// <inheritdoc />
    public override string Describe() => $"approve {Branch} \"{Command}\"";
}

/// <summary>A human denies the pending command named by <paramref name="Command"/> (a name, else its exact text).</summary>
public sealed record DenyStep(string Branch, string Command, string Who = "scenario") : BranchStep(Branch)
{
    /// <inheritdoc />
    public override string Describe() => $"deny {Branch} \"{Command}\"";
}

/// <summary>The host reports whether the dispatched <paramref name="Command"/> reached the pane.</summary>
public sealed record DeliveryStep(string Branch, string Command, bool Delivered = true, string? Reason = null) : BranchStep(Branch)
{
    /// <inheritdoc />
    public override string Describe() => $"{(Delivered ? "delivered" : "delivery failed")} {Branch} \"{Command}\"";
}

/// <summary>The shell command <paramref name="Command"/> finished with <paramref name="Status"/>.</summary>
public sealed record ExitStep(string Branch, string Command, int Status) : BranchStep(Branch)
{
    /// <inheritdoc />
    public override string Describe() => $"exit {Branch} \"{Command}\" status {Status}";
}

/// <summary>Nothing happens; expectations look at <paramref name="Branch"/>'s state.</summary>
public sealed record CheckStep(string Branch) : BranchStep(Branch)
{
    /// <inheritdoc />
    public override string Describe() => $"check {Branch}";
}

/// <summary>The clock moves forward by <paramref name="Seconds"/>.</summary>
public sealed record AdvanceStep(double Seconds) : ScenarioStep
{
    /// <inheritdoc />
    public override string Describe() => $"advance {Seconds:0.###}s";
}
