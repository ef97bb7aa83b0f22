using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Serialization;

namespace TmuxAgent.Core.Testing;

/// <summary>After the step the branch waits on exactly these dependencies (none: not blocked).</summary>
public sealed record BlockedByExpectation(IReadOnlyList<string> Branches) : Expectation
{
    /// <inheritdoc />
    public override string Describe() => $"blocked_by [{string.Join(", ", Branches)}]";
    /// <inheritdoc />
    public override bool IsMetBy(StepOutcome outcome) => (outcome.State?.WaitingOn ?? []).Order().SequenceEqual(Branches.Order());
    /// <inheritdoc />
    public override string Observed(StepOutcome outcome) => $"blocked_by [{string.Join(", ", outcome.State?.WaitingOn ?? [])}]";
}

/// <summary>After the step the branch is in <paramref name="Phase"/>.</summary>
public sealed record PhaseExpectation(string Phase) : Expectation
{
    /// <inheritdoc />
    public override string Describe() => $"phase {Phase}";
    /// <inheritdoc />
    public override bool IsMetBy(StepOutcome outcome) => outcome.State?.Phase == Phase;
    /// <inheritdoc />
    public override string Observed(StepOutcome outcome) => $"phase {outcome.State?.Phase}";
}

/// <summary>The step's events include these stored event types (<see cref="EventTypes"/>, e.g. <c>stall_detected</c>), in this order.</summary>
public sealed record EventsExpectation(IReadOnlyList<string> Types) : Expectation
{
    /// <inheritdoc />
    public override string Describe() => $"events [{string.Join(", ", Types)}]";

    /// <inheritdoc />
    public override bool IsMetBy(StepOutcome outcome)
    {
        var next = 0;
        foreach (var name in Names(outcome))
            if (next < Types.Count && name == Types[next]) next++;
        return next == Types.Count;
    }

    /// <inheritdoc />
    public override string Observed(StepOutcome outcome) => $"events [{string.Join(", ", Names(outcome))}]";

    private static IEnumerable<string> Names(StepOutcome o) => o.Events.Select(EventTypes.NameOf);
}

/// <summary>Yes/no facts about a step, see <see cref="FlagExpectation"/>.</summary>
public enum StepFlag
{
    /// <summary>The step produced no event at all (only <c>true</c> is meaningful).</summary>
    Nothing,
    /// <summary>The branch was unblocked in this step.</summary>
    Unblocked,
    /// <summary>A decision was requested in this step, recorded or quietly after a no-op answer (false: cooldown,
    /// back-off, queue or approvals held it back).</summary>
    DecisionRequested,
    /// <summary>A stall was detected in this step.</summary>
    Stalled,
    /// <summary>A notification was asked for in this step (decision errors reaching the threshold, repeated stalls).</summary>
    Notify,
}

/// <summary>A <see cref="StepFlag"/> is <paramref name="Value"/>.</summary>
public sealed record FlagExpectation(StepFlag Flag, bool Value = true) : Expectation
{
    /// <summary>The expectation's name as written in scenario files (e.g. <c>decision_requested</c>).</summary>
    public string Key => Flag switch
    {
        StepFlag.DecisionRequested => "decision_requested",
        _ => Flag.ToString().ToLowerInvariant(),
    };

    /// <inheritdoc />
    public override string Describe() => $"{Key}: {(Value ? "true" : "false")}";
    /// <inheritdoc />
    public override bool IsMetBy(StepOutcome outcome) => Actual(outcome) == Value;
    /// <inheritdoc />
    public override string Observed(StepOutcome outcome) => $"{Key}: {(Actual(outcome) ? "true" : "false")}";

    private bool Actual(StepOutcome o) => Flag switch
    {
        StepFlag.Nothing => o.Events.Count == 0,
        StepFlag.Unblocked => o.Events.OfType<BranchUnblocked>().Any(),
        StepFlag.DecisionRequested => o.AsksForDecision || o.Events.OfType<DecisionRequested>().Any(),
        StepFlag.Stalled => o.Events.OfType<StallDetected>().Any(),
        StepFlag.Notify => o.Events.Any(e => e is DecisionFailed { Notify: true } or StallDetected { Notify: true }),
        _ => false,
    };
}
