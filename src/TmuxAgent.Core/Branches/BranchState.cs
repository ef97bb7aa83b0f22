using System.Collections.Immutable;
using TmuxAgent.Core.Agents;
using TmuxAgent.Core.Commands;
using TmuxAgent.Core.Tasks;

namespace TmuxAgent.Core.Branches;

/// <summary>Everything known about one branch, folded from its events by <see cref="BranchEvolver.Evolve"/>.</summary>
public sealed record BranchState
{
    /// <summary>The branch name.</summary>
    public required string Branch { get; init; }

    /// <summary>The task plan, once planned.</summary>
    public TaskPlan? Plan { get; init; }

    /// <summary>Current phase.</summary>
    public string Phase { get; init; } = "";

    /// <summary>Commands waiting for the pane, oldest first.</summary>
    public ImmutableList<CommandRef> Queue { get; init; } = [];

    /// <summary>Commands waiting for a human, oldest first.</summary>
    public ImmutableList<CommandRef> Pending { get; init; } = [];

    /// <summary>Dispatched (not dry-run) commands with no delivery receipt yet.</summary>
    public ImmutableList<CommandRef> AwaitingReceipt { get; init; } = [];

    /// <summary>Delivered shell commands with no exit status yet.</summary>
    public ImmutableList<CommandRef> Running { get; init; } = [];

    /// <summary>Dependencies the branch is waiting for; empty when not blocked.</summary>
    public ImmutableList<string> WaitingOn { get; init; } = [];

    /// <summary>Blockers the decision source reported last.</summary>
    public IReadOnlyList<string> ReportedBlockers { get; init; } = [];

    /// <summary>Decision request still unanswered.</summary>
    public string? OpenDecisionId { get; init; }

    /// <summary>The identity (<see cref="QuietAnswers"/>) of the last recorded answer when it did nothing (no command, no
    /// notification); null after an answer that did something, or a failure. While set, requests are asked quietly and
    /// answers that repeat it are only counted (<see cref="DecisionsRepeated"/>).</summary>
    public string? QuietAnswer { get; init; }

    /// <summary>Last dispatch (real or dry-run).</summary>
    public DateTimeOffset? LastDispatchAt { get; init; }

    /// <summary>Errors since the last good decision.</summary>
    public int ConsecutiveFailures { get; init; }

    /// <summary>No decision is requested before this time (error back-off).</summary>
    public DateTimeOffset? RetryAt { get; init; }

    /// <summary>Text of the last dispatched command.</summary>
    public string? LastCommand { get; init; }

    /// <summary>Summary of the last decision.</summary>
    public string? LastSummary { get; init; }

    /// <summary>The agent's last summaries (<c>[prompts] summary</c>), oldest first, at most <see cref="BranchDecider.SummariesKept"/>.</summary>
    public ImmutableList<SummaryRecorded> Summaries { get; init; } = [];

    /// <summary>The last stuck check, if any.</summary>
    public StuckChecked? LastStuckCheck { get; init; }

    /// <summary>The last delegate suggestions (<c>delegate_to_codex</c>), if any.</summary>
    public DelegateSuggested? LastDelegateSuggestions { get; init; }

    /// <summary>Time of the last recorded fact (the branch's heartbeat after a restart).</summary>
    public DateTimeOffset? LastEventAt { get; init; }

    /// <summary>Stalls counted for the oldest running command.</summary>
    public int StallCount { get; init; }

    /// <summary>Per-branch counters.</summary>
    public BranchCounters Counters { get; init; } = BranchCounters.Empty;

    /// <summary>True while a dependency is unfinished.</summary>
    public bool IsBlocked => !WaitingOn.IsEmpty;

    /// <summary>A branch that was never planned.</summary>
    public static BranchState New(string branch) => new() { Branch = branch };

    /// <summary>True once the phase equals <paramref name="completionPhase"/>.</summary>
    public bool IsCompleted(string completionPhase) => Phase == completionPhase;

    /// <summary>The tmux session of this branch.</summary>
    public string Session => Plan?.SessionName ?? TaskPlan.DefaultSessionFor(Branch);

    /// <summary>A pending command by id (preferred) or by exact text. Text that more than one pending command has
    /// (the same text with other keys, say) names none of them: approving it needs the id (<see cref="PendingWithText"/>).</summary>
    public CommandRef? FindPending(string? commandId, string? text) =>
        !string.IsNullOrEmpty(commandId) ? Pending.Find(p => p.CommandId == commandId)
        : !string.IsNullOrEmpty(text) && PendingWithText(text) is [var only] ? only
        : null;

    /// <summary>The pending commands whose text is exactly <paramref name="text"/>.</summary>
    public IReadOnlyList<CommandRef> PendingWithText(string text) => Pending.FindAll(p => p.Spec.Text == text);
}
