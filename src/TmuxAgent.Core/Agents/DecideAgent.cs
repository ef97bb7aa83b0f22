using TmuxAgent.Core.Agents;
using TmuxAgent.Core.Commands;
using TmuxAgent.Core.Policy;

namespace TmuxAgent.Core.Branches;

public static partial class BranchDecider
{
    /// <summary>Most summaries kept in the branch state (the dashboard shows them): the original keeps 10.</summary>
    public const int SummariesKept = 10;

    private static void TakeSummary(Facts f, RecordSummary s)
    {
        var text = s.Summary.Trim();
        if (text.Length > 0) f.Add(new SummaryRecorded(text) { Branch = f.Branch, At = f.Now });
    }

    /// <summary>A stuck verdict is recorded; the first of a run of stuck verdicts asks for a notification; a stuck
    /// verdict's suggestion is proposed like a decided command (risk, approval, queue and drop rules), or in delegate
    /// mode only recorded.</summary>
    private static void TakeStuckVerdict(Facts f, ReportStuck r, OrchestratorPolicy policy)
    {
        var wasStuck = f.State.LastStuckCheck?.Stuck ?? false;
        var wasCompleted = f.State.IsCompleted(policy.CompletionPhase);
        f.Add(new StuckChecked(r.CheckId, r.Stuck, r.Reason, r.Suggestion?.Text, r.Evidence, r.Stuck && !wasStuck) { Branch = f.Branch, At = f.Now });
        if (!r.Stuck || r.Suggestion is not { } spec) return;
        if (policy.DelegateToCodex)
        {
            f.Add(new DelegateSuggested(r.CheckId, [spec]) { Branch = f.Branch, At = f.Now });
            return;
        }
        var id = CommandIds.For(r.CheckId, 0);
        var dropReason = WhyDrop(f.State, spec, wasCompleted, 0, policy);
        if (dropReason is not null) f.Add(new CommandDropped(id, spec, dropReason) { Branch = f.Branch, At = f.Now });
        else Place(f, id, spec, requiresConfirmation: false, r.Pane, policy);
    }
}
