using TmuxAgent.Core.Agents;
using TmuxAgent.Core.Branches;

namespace TmuxAgent.Host.Web.Dashboard;

/// <summary>One summary of the agent's work (<c>[prompts] summary</c>).</summary>
/// <param name="Text">The summary.</param>
/// <param name="At">Unix seconds it was recorded.</param>
public sealed record SummaryView(string Text, double At);

/// <summary>The last stuck check (<c>[prompts] stuck_detection</c>).</summary>
/// <param name="Stuck">The verdict.</param>
/// <param name="Reason">Why (<c>model_error:KIND</c> when the check failed).</param>
/// <param name="Suggestion">What the model proposed to type, if anything.</param>
/// <param name="Evidence">Model error lines seen on the screen.</param>
/// <param name="At">Unix seconds of the check.</param>
public sealed record StuckView(bool Stuck, string Reason, string? Suggestion, IReadOnlyList<string> Evidence, double At);

/// <summary>The last delegate suggestions (<c>delegate_to_codex</c>): decided commands, never typed.</summary>
/// <param name="Commands">What was suggested (text, else keys).</param>
/// <param name="At">Unix seconds they were recorded.</param>
public sealed record DelegateView(IReadOnlyList<string> Commands, double At);

/// <summary>Projections of a branch's agent reports for <see cref="BranchView"/>.</summary>
public static class AgentReportViews
{
    /// <summary>The last summaries, newest first.</summary>
    public static IReadOnlyList<SummaryView> Summaries(BranchState s) =>
        s.Summaries.Reverse().Select(r => new SummaryView(r.Summary, OrchestratorView.Unix(r.At))).ToList();

    /// <summary>The last stuck check, or null.</summary>
    public static StuckView? Stuck(BranchState s) =>
        s.LastStuckCheck is { } c ? new StuckView(c.Stuck, c.Reason, c.Suggestion, c.Evidence, OrchestratorView.Unix(c.At)) : null;

    /// <summary>The last delegate suggestions, or null.</summary>
    public static DelegateView? Delegate(BranchState s) =>
        s.LastDelegateSuggestions is { } d ? new DelegateView(d.Commands.Select(c => c.Display).ToList(), OrchestratorView.Unix(d.At)) : null;
}
