using TmuxAgent.Core.Commands;
using TmuxAgent.Core.Tasks;

namespace TmuxAgent.Core.Branches;

/// <summary>What the host saw of a branch's pane at one moment.</summary>
/// <param name="Busy">True while the agent or a command is running; commands then queue.</param>
public readonly record struct PaneObservation(bool Busy)
{
    /// <summary>A pane resting at its prompt.</summary>
    public static PaneObservation Idle => new(false);
    /// <summary>A pane that is working.</summary>
    public static PaneObservation Working => new(true);
}

/// <summary>A decision source's answer, as in the decision JSON contract.</summary>
public sealed record Decision(
    string? Summary,
    IReadOnlyList<CommandSpec> Commands,
    bool RequiresConfirmation = false,
    string? Phase = null,
    IReadOnlyList<string>? Blockers = null,
    string? Notify = null);

/// <summary>Something that happened to a branch, handed to <see cref="BranchDecider.Decide"/>.</summary>
public abstract record BranchInput;

/// <summary>The task entry was (re)read from the configuration.</summary>
public sealed record PlanTask(TaskPlan Plan) : BranchInput;

/// <summary>One cycle: the pane as seen now and the current phase of each dependency (null: unknown branch).
/// <paramref name="DecisionId"/> names the decision request, if one is made.</summary>
public sealed record Tick(PaneObservation Pane, IReadOnlyDictionary<string, string?> DependencyPhases, string DecisionId) : BranchInput;

/// <summary>The decision source answered request <paramref name="DecisionId"/>.</summary>
public sealed record ReceiveDecision(string DecisionId, Decision Decision, PaneObservation Pane, double LatencySeconds) : BranchInput;

/// <summary>The decision source failed for request <paramref name="DecisionId"/>.</summary>
public sealed record FailDecision(string DecisionId, string Kind, string Message) : BranchInput;

/// <summary>A human approves a pending command, named by id (wins) or exact text.</summary>
public sealed record Approve(string? CommandId, string? Text, string Who, string Channel, string? Comment, PaneObservation Pane) : BranchInput;

/// <summary>A human denies a pending command, named by id (wins) or exact text.</summary>
public sealed record Deny(string? CommandId, string? Text, string Who, string Channel, string? Comment) : BranchInput;

/// <summary>
/// The host checked whether a dispatched command reached the pane. <paramref name="AskBeforeResending"/>: the command
/// was not found where it must be if it had been typed (a host stopped between recording the dispatch and typing), so a
/// human is asked whether to send it again rather than the branch silently losing it or typing it twice.
/// </summary>
public sealed record ReportDelivery(string CommandId, bool Delivered, string? Reason = null, bool AskBeforeResending = false) : BranchInput;

/// <summary>
/// The host typed (or tried to type) a command into an agent. <paramref name="Confirmation"/> set: submitted (one of
/// <see cref="SubmissionConfirmations"/>). Otherwise not submitted: <paramref name="Typed"/> says whether its text reached
/// the agent's input box; a command never typed goes back to the queue.
/// </summary>
public sealed record ReportSubmission(string CommandId, string Agent, string? Confirmation, int EnterPresses, bool Typed, string? Reason = null) : BranchInput;

/// <summary>A shell command's exit status came back through the sentinel trailer.</summary>
public sealed record ReportCompletion(string CommandId, int ExitStatus) : BranchInput;

/// <summary>The host stops (or lets the branch go): the repeated answers it has not recorded yet are recorded now.</summary>
public sealed record RecordQuietRun : BranchInput;
