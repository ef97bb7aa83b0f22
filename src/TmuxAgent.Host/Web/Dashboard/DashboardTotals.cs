using TmuxAgent.Host.Observers;

namespace TmuxAgent.Host.Web.Dashboard;

/// <summary>The dashboard's header line, the same figures as the metrics: the sum of <c>orchestrator_queue_size</c> and of
/// <c>orchestrator_pending_confirmation_total</c> over every branch, and the newest and oldest <c>orchestrator_heartbeat</c>.</summary>
/// <param name="Queued">Commands waiting in queues.</param>
/// <param name="Pending">Commands waiting for approval.</param>
/// <param name="LastHeartbeat">Unix seconds of the most recent branch cycle; null before the first.</param>
/// <param name="OldestHeartbeat">Unix seconds of the branch whose last cycle is the oldest; null before the first.</param>
public sealed record DashboardTotals(int Queued, int Pending, double? LastHeartbeat, double? OldestHeartbeat)
{
    /// <summary>Over every branch of <paramref name="s"/> (the branches the metrics export).</summary>
    public static DashboardTotals Of(OrchestratorSnapshot s)
    {
        var beats = s.Heartbeats.Values.Select(OrchestratorView.Unix).ToList();
        return new DashboardTotals(s.Branches.Values.Sum(b => b.Queue.Count), s.Branches.Values.Sum(b => b.Pending.Count),
            beats.Count == 0 ? null : beats.Max(), beats.Count == 0 ? null : beats.Min());
    }
}
