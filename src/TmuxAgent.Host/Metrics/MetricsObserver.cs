using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Projections;
using TmuxAgent.Host.Observers;

namespace TmuxAgent.Host.Metrics;

/// <summary>Feeds <see cref="OrchestratorMetrics"/> from the loop: gauges and counters restored from the store at start,
/// then every appended event and every finished cycle (the heartbeat).</summary>
public sealed class MetricsObserver(OrchestratorMetrics metrics) : IOrchestratorObserver
{
    /// <inheritdoc />
    public void StateLoaded(BranchBoard board) => metrics.Restore(board);

    /// <inheritdoc />
    public void EventAppended(BranchEvent appended, BranchState after) => metrics.Observe(appended, after);

    /// <inheritdoc />
    public void CycleCompleted(string branch, DateTimeOffset at) => metrics.CycleCompleted(branch, at);

    /// <inheritdoc />
    public void DecisionRepeated(string branch, double latencySeconds) => metrics.ObserveLatency(latencySeconds);

    /// <inheritdoc />
    public void StoreFailed(string message) => metrics.StoreFailed();

    /// <inheritdoc />
    public void StoreRecovered() => metrics.StoreRecovered();

    /// <inheritdoc />
    public void AuditLogFailed(string message) => metrics.AuditLogFailed();

    /// <inheritdoc />
    public void AuditLogRecovered() => metrics.AuditLogRecovered();
}
