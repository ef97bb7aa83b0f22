using TmuxAgent.Core.Commands;
using TmuxAgent.Core.Tasks;

namespace TmuxAgent.Core.Branches;

/// <summary>A fact about one branch. Past tense, immutable, stored under a stable type name (<see cref="Serialization.EventTypes"/>).</summary>
public abstract record BranchEvent
{
    /// <summary>The branch the fact is about.</summary>
    public required string Branch { get; init; }

    /// <summary>When it happened (the clock value handed to <see cref="BranchDecider.Decide"/>).</summary>
    public required DateTimeOffset At { get; init; }
}

/// <summary>The branch's task was planned from orchestrator.toml.</summary>
public sealed record TaskPlanned(TaskPlan Plan, string InitialPhase) : BranchEvent;

/// <summary>The task's entry in orchestrator.toml changed.</summary>
public sealed record TaskChanged(TaskPlan Plan) : BranchEvent;

/// <summary>The decision source was asked what to do next.</summary>
public sealed record DecisionRequested(string DecisionId) : BranchEvent;

/// <summary>The decision source answered; all its inputs are kept so a replay can re-derive what another policy would do.</summary>
public sealed record DecisionReceived(
    string DecisionId,
    string? Summary,
    IReadOnlyList<CommandSpec> Commands,
    bool RequiresConfirmation,
    string? Phase,
    IReadOnlyList<string> Blockers,
    string? Notify,
    double LatencySeconds,
    bool PaneBusy) : BranchEvent;

/// <summary>The decision source failed; <paramref name="Kind"/> is one of <see cref="DecisionErrorKinds"/>.</summary>
public sealed record DecisionFailed(
    string DecisionId,
    string Kind,
    string Message,
    int ConsecutiveFailures,
    DateTimeOffset RetryAt,
    bool Notify) : BranchEvent;

/// <summary>A command waits in the branch's queue (pane busy, session cooling down, or just approved).</summary>
public sealed record CommandQueued(string CommandId, string Session, CommandSpec Spec, string Reason) : BranchEvent;

/// <summary>A command was handed to the pane (or, with <paramref name="DryRun"/>, only recorded).</summary>
public sealed record CommandDispatched(
    string CommandId,
    string Session,
    CommandSpec Spec,
    bool DryRun,
    bool FromQueue,
    bool Approved) : BranchEvent;

/// <summary>The dispatched text was seen in the pane; for an agent, its submission was confirmed.</summary>
/// <param name="CommandId">The command.</param>
/// <param name="Agent">The agent profile it was typed into (<c>codex</c>, <c>claude</c>, a user profile); null for a shell.
/// A command typed into an agent has no exit status to wait for.</param>
/// <param name="Confirmation">How an agent's submission was confirmed: one of <see cref="SubmissionConfirmations"/>; null for a shell.</param>
/// <param name="EnterPresses">Enter presses it took (1, or 2 when the first was not taken); null for a shell.</param>
public sealed record CommandDelivered(string CommandId, string? Agent = null, string? Confirmation = null, int? EnterPresses = null) : BranchEvent;

/// <summary>A command meant for an agent was not submitted. <paramref name="Typed"/>: its text is in the agent's input
/// box (Enter pressed twice without effect; it is never typed again); otherwise nothing was typed (the agent never became
/// idle) and the command waits in the queue again.</summary>
public sealed record CommandNotSubmitted(string CommandId, string Agent, string Reason, bool Typed, int EnterPresses) : BranchEvent;

/// <summary>The dispatched text could not be delivered (or its delivery could not be confirmed after a restart).</summary>
public sealed record CommandDeliveryFailed(string CommandId, string Reason) : BranchEvent;

/// <summary>A shell command finished with <paramref name="ExitStatus"/>.</summary>
public sealed record CommandCompleted(string CommandId, int ExitStatus) : BranchEvent;

/// <summary>A proposed command was not taken; <paramref name="Reason"/> is one of <see cref="DropReasons"/>.</summary>
public sealed record CommandDropped(string CommandId, CommandSpec Spec, string Reason) : BranchEvent;

/// <summary>A command waits for a human's approval.</summary>
public sealed record ConfirmationRequested(string CommandId, string Session, CommandSpec Spec, string Reason) : BranchEvent;

/// <summary>A human approved a pending command.</summary>
public sealed record ConfirmationApproved(string CommandId, string Text, string Who, string Channel, string? Comment) : BranchEvent;

/// <summary>A human denied a pending command; it is dropped.</summary>
public sealed record ConfirmationDenied(string CommandId, string Text, string Who, string Channel, string? Comment) : BranchEvent;

/// <summary>The branch waits for dependencies that have not reached the completion phase.</summary>
public sealed record BranchBlocked(IReadOnlyList<string> WaitingOn) : BranchEvent;

/// <summary>Every dependency reached the completion phase; <paramref name="Reason"/> says which finished last.</summary>
public sealed record BranchUnblocked(string Reason) : BranchEvent;

/// <summary>The decision source moved the branch to another phase.</summary>
public sealed record PhaseChanged(string From, string To) : BranchEvent;

/// <summary>A dispatched command has not completed within the stall timeout.</summary>
public sealed record StallDetected(string CommandId, int Count, bool Notify) : BranchEvent;

/// <summary>The kinds of <see cref="DecisionFailed"/>, as counted in metrics.</summary>
public static class DecisionErrorKinds
{
    /// <summary>The decision command printed nothing.</summary>
    public const string EmptyOutput = "empty_output";
    /// <summary>No complete JSON object could be parsed.</summary>
    public const string JsonParseError = "json_parse_error";
    /// <summary>JSON, but not an object or with fields of the wrong type.</summary>
    public const string InvalidPayloadType = "invalid_payload_type";
    /// <summary>Output was not valid UTF-8.</summary>
    public const string Utf8DecodeError = "utf8_decode_error";
    /// <summary>The command ran past its timeout and was killed.</summary>
    public const string Timeout = "timeout";
    /// <summary>The command could not start or exited non-zero.</summary>
    public const string ProcessError = "process_error";

    /// <summary>All kinds.</summary>
    public static readonly IReadOnlyList<string> All = [EmptyOutput, JsonParseError, InvalidPayloadType, Utf8DecodeError, Timeout, ProcessError];
}

/// <summary>How a submission into an agent was confirmed (<see cref="CommandDelivered.Confirmation"/>).</summary>
public static class SubmissionConfirmations
{
    /// <summary>The input box emptied and the agent's busy line appeared.</summary>
    public const string BusyLine = "busy_line";
    /// <summary>The input box emptied and the agent was idle again with new output: the reply had already started (a fast turn).</summary>
    public const string ReplyStarted = "reply_started";
    /// <summary>Only keys were sent (no text to submit).</summary>
    public const string KeysSent = "keys_sent";

    /// <summary>All values.</summary>
    public static readonly IReadOnlyList<string> All = [BusyLine, ReplyStarted, KeysSent];
}

/// <summary>Why a proposed command was not taken.</summary>
public static class DropReasons
{
    /// <summary>The same command is already queued or pending.</summary>
    public const string Duplicate = "duplicate";
    /// <summary>More commands than <c>max_commands_per_cycle</c>.</summary>
    public const string OverCycleLimit = "max_commands_per_cycle";
    /// <summary>The branch already reached the completion phase.</summary>
    public const string Completed = "completed";
    /// <summary>The branch waits for a dependency.</summary>
    public const string Blocked = "blocked";
    /// <summary>It had neither text nor keys.</summary>
    public const string Empty = "empty";
}

/// <summary>Why a command waits for a human (besides <c>risk_level=…</c> for a high level, <c>risk_level=unknown:…</c>
/// for a label that is not known, see <see cref="Policy.RiskLevels"/>).</summary>
public static class ConfirmationReasons
{
    /// <summary>The decision said so.</summary>
    public const string RequiresConfirmation = "requires_confirmation";
    /// <summary>A dispatched command never reached its pane (the host stopped between recording and typing it):
    /// sending it again needs a human's yes, since the host cannot prove it did not run.</summary>
    public const string ResendUndelivered = "resend_undelivered";
    /// <summary>The start of the reason when a pattern of the risk policy matched: <c>policy: &lt;pattern&gt;</c>.</summary>
    public const string PolicyPrefix = "policy: ";
}

/// <summary>
/// Answers that repeated the last recorded no-op decision (<see cref="BranchState.QuietAnswer"/>: no command, nothing to
/// notify, same summary, phase and blockers), asked for without a recorded <see cref="DecisionRequested"/> and folded
/// into one fact: when the answer changes, when a request fails, at the latest
/// <see cref="Policy.OrchestratorPolicy.QuietRecordSeconds"/> after the first of them, and when the host stops.
/// </summary>
/// <param name="LastDecisionId">The last of the repeated answers' request ids.</param>
/// <param name="Count">How many answers it stands for.</param>
/// <param name="Since">When the first of them came.</param>
/// <param name="LatencySeconds">Their latencies added up.</param>
public sealed record DecisionsRepeated(string LastDecisionId, int Count, DateTimeOffset Since, double LatencySeconds) : BranchEvent;
