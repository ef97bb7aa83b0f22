namespace TmuxAgent.Core.Testing;

/// <summary>Builders for <see cref="Expectation"/>s: the same vocabulary as the <c>expect:</c> block of a scenario file.</summary>
public static class Expect
{
    /// <summary>Exactly these commands were typed into the pane in the step.</summary>
    public static Expectation Dispatched(params ExpectedCommand[] commands) => new CommandExpectation(CommandAspect.Dispatched, commands);
    /// <summary>Exactly these commands were only recorded (dry-run) in the step.</summary>
    public static Expectation DryRun(params ExpectedCommand[] commands) => new CommandExpectation(CommandAspect.DryRun, commands);
    /// <summary>Exactly these commands were queued in the step.</summary>
    public static Expectation Queued(params ExpectedCommand[] commands) => new CommandExpectation(CommandAspect.Queued, commands);
    /// <summary>Exactly these commands were held for approval in the step.</summary>
    public static Expectation Pending(params ExpectedCommand[] commands) => new CommandExpectation(CommandAspect.Pending, commands);
    /// <summary>Exactly these commands were dropped in the step.</summary>
    public static Expectation Dropped(params ExpectedCommand[] commands) => new CommandExpectation(CommandAspect.Dropped, commands);
    /// <summary>One command was dropped for <paramref name="reason"/> (see <see cref="Branches.DropReasons"/>).</summary>
    public static Expectation Dropped(string command, string reason) => Dropped(new ExpectedCommand(command, reason));
    /// <summary>Exactly these commands were approved in the step.</summary>
    public static Expectation Approved(params ExpectedCommand[] commands) => new CommandExpectation(CommandAspect.Approved, commands);
    /// <summary>Exactly these commands were denied in the step.</summary>
    public static Expectation Denied(params ExpectedCommand[] commands) => new CommandExpectation(CommandAspect.Denied, commands);
    /// <summary>After the step the queue holds exactly these commands, in order.</summary>
    public static Expectation Queue(params ExpectedCommand[] commands) => new CommandExpectation(CommandAspect.Queue, commands);
    /// <summary>After the step exactly these commands await approval.</summary>
    public static Expectation AwaitingApproval(params ExpectedCommand[] commands) => new CommandExpectation(CommandAspect.AwaitingApproval, commands);
    /// <summary>After the step the branch waits on exactly these branches (none: not blocked).</summary>
    public static Expectation BlockedBy(params string[] branches) => new BlockedByExpectation(branches);
    /// <summary>After the step the branch is in <paramref name="phase"/>.</summary>
    public static Expectation Phase(string phase) => new PhaseExpectation(phase);
    /// <summary>The step's events include these stored event types, in order.</summary>
    public static Expectation Events(params string[] types) => new EventsExpectation(types);
    /// <summary>The step produced no event.</summary>
    public static Expectation Nothing() => new FlagExpectation(StepFlag.Nothing);
    /// <summary>The branch was (or was not) unblocked in the step.</summary>
    public static Expectation Unblocked(bool value = true) => new FlagExpectation(StepFlag.Unblocked, value);
    /// <summary>A decision was (or was not) requested in the step.</summary>
    public static Expectation DecisionRequested(bool value = true) => new FlagExpectation(StepFlag.DecisionRequested, value);
    /// <summary>A stall was (or was not) detected in the step.</summary>
    public static Expectation Stalled(bool value = true) => new FlagExpectation(StepFlag.Stalled, value);
    /// <summary>A notification was (or was not) asked for in the step.</summary>
    public static Expectation Notify(bool value = true) => new FlagExpectation(StepFlag.Notify, value);
}
