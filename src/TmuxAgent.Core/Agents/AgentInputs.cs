using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;

namespace TmuxAgent.Core.Agents;

/// <summary>The summary template's answer for a finished agent turn.</summary>
public sealed record RecordSummary(string Summary) : BranchInput;

/// <summary>A stuck check's answer (<c>{"stuck": bool, "reason": "…", "suggestion": "…"}</c>), as validated by the host.</summary>
/// <param name="CheckId">Names the check; the suggestion's command id derives from it.</param>
/// <param name="Stuck">The verdict.</param>
/// <param name="Reason">Why.</param>
/// <param name="Suggestion">A command to propose (typed into the agent's dialogue), or null.</param>
/// <param name="Evidence">Agent error lines on the screen.</param>
/// <param name="Pane">The pane as seen now (a suggestion queues while it is busy).</param>
public sealed record ReportStuck(string CheckId, bool Stuck, string Reason, CommandSpec? Suggestion, IReadOnlyList<string> Evidence, PaneObservation Pane)
    : BranchInput;
