namespace TmuxAgent.Core.Testing;

/// <summary>
/// Something a step of a <see cref="PlanScenario"/> must lead to. Build them with <see cref="Expect"/>;
/// a failed one is reported with <see cref="Describe"/> (what was expected) and <see cref="Observed"/> (what happened).
/// </summary>
public abstract record Expectation
{
    /// <summary>What is expected, e.g. <c>dispatched ["npm test"]</c>.</summary>
    public abstract string Describe();

    /// <summary>True when <paramref name="outcome"/> meets the expectation.</summary>
    public abstract bool IsMetBy(StepOutcome outcome);

    /// <summary>The same aspect of what actually happened, e.g. <c>dispatched []</c>.</summary>
    public abstract string Observed(StepOutcome outcome);
}

/// <summary>A command an expectation names: by the name given in a decision step or by its exact text, optionally with a reason.</summary>
/// <param name="Command">A name, else the exact text (or the keys joined by spaces, for a keys-only command).</param>
/// <param name="Reason">The queue, approval or drop reason to require; null: any.</param>
public sealed record ExpectedCommand(string Command, string? Reason = null)
{
    /// <summary>A command by name or text, any reason.</summary>
    public static implicit operator ExpectedCommand(string command) => new(command);

    /// <inheritdoc />
    public override string ToString() => Reason is null ? $"\"{Command}\"" : $"\"{Command}\" ({Reason})";
}
