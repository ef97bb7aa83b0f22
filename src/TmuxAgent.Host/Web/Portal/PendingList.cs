using TmuxAgent.Host.Observers;

namespace TmuxAgent.Host.Web.Portal;

/// <summary>The answer of <c>GET /api/confirmations</c>: every pending confirmation, oldest first.</summary>
/// <param name="Pending">The pending commands.</param>
public sealed record PendingList(IReadOnlyList<PendingItem> Pending)
{
    /// <summary>From the loop's snapshot (configured branches only).</summary>
    public static PendingList From(OrchestratorSnapshot s) => new(s.Tasks
        .SelectMany(t => (s.Branches.GetValueOrDefault(t.Branch)?.Pending ?? []).Select(p => new PendingItem(
            t.Branch, t.Title, p.CommandId, p.Spec.Display, p.Spec.RiskLevel, Dashboard.OrchestratorView.Unix(p.Since), p.Session, p.Reason)))
        .OrderBy(p => p.RequestedAt).ToList());
}

/// <summary>One pending confirmation.</summary>
/// <param name="Branch">Branch.</param>
/// <param name="Title">Task title.</param>
/// <param name="Id">Command id.</param>
/// <param name="Text">The command.</param>
/// <param name="RiskLevel">Risk level.</param>
/// <param name="RequestedAt">Unix seconds.</param>
/// <param name="Session">tmux session it would be typed into.</param>
/// <param name="Reason">Why it waits for a human (<c>requires_confirmation</c>, <c>risk_level=high</c>, <c>policy: …</c>, …).</param>
public sealed record PendingItem(string Branch, string? Title, string Id, string Text, string RiskLevel, double RequestedAt, string Session, string? Reason);
