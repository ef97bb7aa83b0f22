using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Policy;
using TmuxAgent.Config;

namespace TmuxAgent.Host.Decisions;

/// <summary>Answers "what next?" for one branch: the external model command or the built-in plan.</summary>
public interface IDecisionSource
{
    /// <summary>A decision or a failure of one of <see cref="DecisionErrorKinds"/>; never throws for a bad answer.</summary>
    Task<DecisionOutcome> DecideAsync(DecisionContext context, CancellationToken ct);

    /// <summary>Whether the source reads <see cref="DecisionContext.PaneExcerpt"/>; when false the loop does not capture
    /// the pane just to ask it (the excerpt is then empty).</summary>
    bool ReadsPaneText => true;
}

/// <summary>What a decision source is told about a branch.</summary>
/// <param name="State">The branch's state.</param>
/// <param name="Task">Its <c>[[tasks]]</c> entry.</param>
/// <param name="PaneExcerpt">The last <c>history_lines</c> of the pane.</param>
/// <param name="PaneCommand">The pane's foreground program.</param>
/// <param name="PaneBusy">Whether the pane is busy.</param>
/// <param name="Policy">The policy in force.</param>
public sealed record DecisionContext(BranchState State, TaskConfig Task, string PaneExcerpt, string PaneCommand, bool PaneBusy, OrchestratorPolicy Policy);

/// <summary>A decision source's result.</summary>
public abstract record DecisionOutcome(TimeSpan Latency);

/// <summary>An answer.</summary>
public sealed record DecisionAnswered(Decision Decision, TimeSpan Latency) : DecisionOutcome(Latency);

/// <summary>A failure; <paramref name="Kind"/> is one of <see cref="DecisionErrorKinds"/>.</summary>
public sealed record DecisionFailure(string Kind, string Message, TimeSpan Latency) : DecisionOutcome(Latency);
