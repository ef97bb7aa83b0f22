using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;

namespace TmuxAgent.Core.Agents;

/// <summary>The decision command summarised what the agent did (<c>[prompts] summary</c>, after a finished turn).
/// Written to the audit log in the original's shape: <c>"event": "summary", "summary": …</c>.</summary>
public sealed record SummaryRecorded(string Summary) : BranchEvent;

/// <summary>The decision command judged whether the agent is stuck (<c>[prompts] stuck_detection</c>).</summary>
/// <param name="CheckId">Names the check; a suggestion's command id derives from it.</param>
/// <param name="Stuck">The verdict.</param>
/// <param name="Reason">Why (for a failed check: <c>model_error:KIND</c>, as the original records it).</param>
/// <param name="Suggestion">What to type to get the agent going again, if the model proposed something.</param>
/// <param name="Evidence">Agent error lines seen on the screen (e.g. Codex <c>■ …</c>, Claude <c>● API Error: …</c>).</param>
/// <param name="Notify">Whether a notification is asked for (a stuck verdict after one that was not).</param>
public sealed record StuckChecked(string CheckId, bool Stuck, string Reason, string? Suggestion, IReadOnlyList<string> Evidence, bool Notify) : BranchEvent;

/// <summary><c>delegate_to_codex</c>: commands the decision command proposed, recorded as suggestions and never typed.</summary>
/// <param name="DecisionId">The decision (or stuck check) they came from.</param>
/// <param name="Commands">The suggestions, as proposed.</param>
public sealed record DelegateSuggested(string DecisionId, IReadOnlyList<CommandSpec> Commands) : BranchEvent;
