using TmuxAgent.Core.Branches;

namespace TmuxAgent.Core.Testing;

/// <summary>Which commands an expectation of <see cref="CommandExpectation"/> looks at.</summary>
public enum CommandAspect
{
    /// <summary>Typed into the pane in this step (<see cref="CommandDispatched"/>, not dry-run).</summary>
    Dispatched,
    /// <summary>Only recorded in this step because of dry-run.</summary>
    DryRun,
    /// <summary>Put in the queue in this step; reason: <see cref="QueueReasons"/>.</summary>
    Queued,
    /// <summary>Held for approval in this step; reason: <c>requires_confirmation</c> or <c>risk_level=…</c>.</summary>
    Pending,
    /// <summary>Dropped in this step; reason: <see cref="DropReasons"/>.</summary>
    Dropped,
    /// <summary>Approved in this step.</summary>
    Approved,
    /// <summary>Denied in this step.</summary>
    Denied,
    /// <summary>The branch's queue after the step.</summary>
    Queue,
    /// <summary>The branch's commands awaiting approval after the step.</summary>
    AwaitingApproval,
}

/// <summary>Exactly these commands, in this order, for one <see cref="CommandAspect"/>.</summary>
public sealed record CommandExpectation(CommandAspect Aspect, IReadOnlyList<ExpectedCommand> Commands) : Expectation
{
    /// <summary>The expectation's name as written in scenario files (e.g. <c>dry_run</c>).</summary>
    public string Key => Aspect switch
    {
        CommandAspect.DryRun => "dry_run",
        CommandAspect.AwaitingApproval => "awaiting_approval",
        _ => Aspect.ToString().ToLowerInvariant(),
    };

    /// <inheritdoc />
    public override string Describe() => $"{Key} [{string.Join(", ", Commands)}]";

    /// <inheritdoc />
    public override bool IsMetBy(StepOutcome outcome)
    {
        var actual = Actual(outcome);
        return actual.Count == Commands.Count && actual.Zip(Commands).All(p =>
            outcome.Commands.Matches(p.Second.Command, p.First.Id, p.First.Text) && (p.Second.Reason is null || p.Second.Reason == p.First.Reason));
    }

    /// <inheritdoc />
    public override string Observed(StepOutcome outcome) =>
        $"{Key} [{string.Join(", ", Actual(outcome).Select(a => a.Reason is null ? $"\"{a.Text}\"" : $"\"{a.Text}\" ({a.Reason})"))}]";

    private List<(string Id, string Text, string? Reason)> Actual(StepOutcome o) => Aspect switch
    {
        CommandAspect.Queue => (o.State?.Queue ?? []).Select(c => (c.CommandId, c.Spec.Display, (string?)null)).ToList(),
        CommandAspect.AwaitingApproval => (o.State?.Pending ?? []).Select(c => (c.CommandId, c.Spec.Display, (string?)null)).ToList(),
        _ => o.Events.Select(FromEvent).OfType<(string, string, string?)>().ToList(),
    };

    private (string, string, string?)? FromEvent(BranchEvent e) => (Aspect, e) switch
    {
        (CommandAspect.Dispatched, CommandDispatched { DryRun: false } d) => (d.CommandId, d.Spec.Display, null),
        (CommandAspect.DryRun, CommandDispatched { DryRun: true } d) => (d.CommandId, d.Spec.Display, null),
        (CommandAspect.Queued, CommandQueued q) => (q.CommandId, q.Spec.Display, q.Reason),
        (CommandAspect.Pending, ConfirmationRequested r) => (r.CommandId, r.Spec.Display, r.Reason),
        (CommandAspect.Dropped, CommandDropped d) => (d.CommandId, d.Spec.Display, d.Reason),
        (CommandAspect.Approved, ConfirmationApproved a) => (a.CommandId, a.Text, null),
        (CommandAspect.Denied, ConfirmationDenied d) => (d.CommandId, d.Text, null),
        _ => null,
    };
}
