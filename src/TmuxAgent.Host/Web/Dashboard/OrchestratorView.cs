using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;
using TmuxAgent.Config;
using TmuxAgent.Host.Agents;
using TmuxAgent.Host.Config;
using TmuxAgent.Host.Observers;

namespace TmuxAgent.Host.Web.Dashboard;

/// <summary>The answer of <c>GET /api/orchestrator</c>: one column per configured branch, in file order (snake_case JSON).</summary>
/// <param name="Branches">The branches.</param>
/// <param name="GeneratedAt">Server time (Unix seconds), for heartbeat ages.</param>
/// <param name="DryRun">Whether commands are only recorded.</param>
/// <param name="PortalPort">The approval portal's port, for the dashboard's buttons; null when the portal is off.</param>
public sealed record OrchestratorView(IReadOnlyList<BranchView> Branches, double GeneratedAt, bool DryRun, int? PortalPort)
{
    /// <summary>The header line: queue and pending totals and heartbeats over every branch (as the metrics count them).</summary>
    public required DashboardTotals Totals { get; init; }

    /// <summary>Projects <paramref name="snapshot"/> (<paramref name="completionPhase"/>: the phase that counts as done) (the loop's <see cref="OrchestratorStatus"/>, folded from the same BranchBoard);
    /// <paramref name="activity"/>: each card's commands per hour and last exit status, when read.</summary>
    public static OrchestratorView From(OrchestratorSnapshot snapshot, DateTimeOffset now, int? portalPort, string completionPhase,
        IReadOnlyDictionary<string, Branches.ActivityView>? activity = null) =>
        new(snapshot.Tasks.Select(t => BranchView.From(t, snapshot, completionPhase) with { Activity = activity?.GetValueOrDefault(t.Branch) }).ToList(),
            Unix(now), snapshot.DryRun, portalPort) { Totals = DashboardTotals.Of(snapshot) };

    /// <summary>Unix seconds with millisecond precision.</summary>
    public static double Unix(DateTimeOffset t) => Math.Round(t.ToUnixTimeMilliseconds() / 1000.0, 3);
}

/// <summary>One branch's column.</summary>
/// <param name="Branch">Branch name.</param>
/// <param name="Title">Task title.</param>
/// <param name="Phase">Current phase.</param>
/// <param name="Phases">The stage plan, ordered.</param>
/// <param name="Responsible">Owner.</param>
/// <param name="Blockers">Everything holding the branch: <c>waiting for &lt;dependency&gt;</c> lines, then the blockers the decision source reported.</param>
/// <param name="WaitingOn">Unfinished dependencies the branch waits for.</param>
/// <param name="ReportedBlockers">Blockers from the last decision.</param>
/// <param name="DependsOn">Configured dependencies.</param>
/// <param name="Pending">Commands waiting for approval.</param>
/// <param name="Queued">Commands waiting for the pane.</param>
/// <param name="Heartbeat">Unix seconds of the branch's last completed cycle; null before the first.</param>
/// <param name="LastSummary">Summary of the last decision.</param>
/// <param name="LastCommand">Last dispatched command.</param>
/// <param name="Session">tmux session.</param>
/// <param name="Completed">Whether the branch reached the completion phase.</param>
/// <param name="ConsecutiveFailures">Decision errors since the last good decision.</param>
/// <param name="LeaseHolder">The host holding the branch's lease (docs/scale-out.md), as this host last saw it; null: none seen.</param>
/// <param name="HeldHere">Whether this host holds it (acts on the branch).</param>
/// <param name="Agent">The coding agent in the pane as last seen (profile, idle/busy/error); null for a shell.</param>
public sealed record BranchView(
    string Branch, string? Title, string Phase, IReadOnlyList<string> Phases, string? Responsible,
    IReadOnlyList<string> Blockers, IReadOnlyList<string> WaitingOn, IReadOnlyList<string> ReportedBlockers, IReadOnlyList<string> DependsOn,
    IReadOnlyList<CommandView> Pending, IReadOnlyList<CommandView> Queued,
    double? Heartbeat, string? LastSummary, string? LastCommand, string Session, bool Completed, int ConsecutiveFailures,
    string? LeaseHolder, bool HeldHere, AgentView? Agent = null)
{
    /// <summary>The agent's last summaries, newest first (at most 10).</summary>
    public IReadOnlyList<SummaryView> Summaries { get; init; } = [];

    /// <summary>The last stuck check; null before the first.</summary>
    public StuckView? Stuck { get; init; }

    /// <summary>The last delegate suggestions (<c>delegate_to_codex</c>); null when none.</summary>
    public DelegateView? DelegateSuggestions { get; init; }

    /// <summary>Commands per hour (the sparkline) and the last exit status; null when not read.</summary>
    public Branches.ActivityView? Activity { get; init; }

    /// <summary>The column of <paramref name="task"/> (done at <paramref name="completionPhase"/>).</summary>
    public static BranchView From(TaskConfig task, OrchestratorSnapshot s, string completionPhase)
    {
        var state = s.Branches.GetValueOrDefault(task.Branch) ?? BranchState.New(task.Branch);
        var phases = state.Plan?.Phases ?? task.Phases;
        var phase = state.Phase is { Length: > 0 } p ? p : phases.FirstOrDefault() ?? "";
        var holder = s.LeaseHolders.GetValueOrDefault(task.Branch);
        return new BranchView(task.Branch, state.Plan?.Title ?? task.Title, phase, phases, state.Plan?.Responsible ?? task.Responsible,
            [.. state.WaitingOn.Select(d => "waiting for " + d), .. state.ReportedBlockers], state.WaitingOn, state.ReportedBlockers,
            state.Plan?.DependsOn ?? task.DependsOn,
            state.Pending.Select(CommandView.From).ToList(), state.Queue.Select(CommandView.From).ToList(),
            s.Heartbeats.TryGetValue(task.Branch, out var beat) ? OrchestratorView.Unix(beat) : null,
            state.LastSummary, state.LastCommand, task.SessionName, state.Plan is not null && phase == completionPhase,
            state.ConsecutiveFailures, holder?.Owner, holder?.ThisHost ?? false, s.Agents.GetValueOrDefault(task.Branch))
        {
            Summaries = AgentReportViews.Summaries(state), Stuck = AgentReportViews.Stuck(state), DelegateSuggestions = AgentReportViews.Delegate(state),
        };
    }
}

/// <summary>A pending or queued command.</summary>
/// <param name="Id">Command id (what an approval names).</param>
/// <param name="Text">What is typed (or the keys).</param>
/// <param name="RiskLevel">Risk level.</param>
/// <param name="RequestedAt">Unix seconds it entered its place (approval requested, queued).</param>
/// <param name="Approved">Whether a human approved it (queued after approval).</param>
/// <param name="Reason">For a pending command, why it waits for a human.</param>
public sealed record CommandView(string Id, string Text, string RiskLevel, double RequestedAt, bool Approved, string? Reason)
{
    /// <summary>From the branch state's command.</summary>
    public static CommandView From(CommandRef c) => new(c.CommandId, c.Spec.Display, c.Spec.RiskLevel, OrchestratorView.Unix(c.Since), c.Approved, c.Reason);
}
