using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Projections;
using TmuxAgent.Host.Agents;

namespace TmuxAgent.Host.Observers;

/// <summary>
/// The seam for metrics and the dashboard: the loop calls every registered observer (DI: <c>IEnumerable&lt;IOrchestratorObserver&gt;</c>)
/// on its own thread, after each append. Implementations must be quick and must not throw (exceptions are logged and ignored).
/// </summary>
public interface IOrchestratorObserver
{
    /// <summary>State rebuilt from the store at start (every branch), before the first cycle.</summary>
    void StateLoaded(BranchBoard board) { }

    /// <summary>One event was appended to the store; <paramref name="after"/> is the branch's state with it applied.</summary>
    void EventAppended(BranchEvent appended, BranchState after) { }

    /// <summary>The decision source answered (or failed, <paramref name="failureKind"/> set) after <paramref name="latency"/>.</summary>
    void DecisionCompleted(string branch, TimeSpan latency, string? failureKind) { }

    /// <summary>The decision source gave the same no-op answer again, counted and not recorded yet
    /// (<see cref="DecisionsRepeated"/>): its latency is observed now, as a recorded answer's is on append.</summary>
    void DecisionRepeated(string branch, double latencySeconds) { }

    /// <summary>A branch's cycle finished at <paramref name="at"/> (the heartbeat).</summary>
    void CycleCompleted(string branch, DateTimeOffset at) { }

    /// <summary>A LocalBus confirmation record was not applied (malformed, names no command, unknown branch, …).</summary>
    void ConfirmationRejected(string? branch, string reason) { }

    /// <summary>The event store refused a read or an append (read-only, full, locked, corrupt): nothing is acted on until it works again.</summary>
    void StoreFailed(string message) { }

    /// <summary>The event store works again after <see cref="StoreFailed"/>.</summary>
    void StoreRecovered() { }

    /// <summary>The JSONL audit log could not be written (full or read-only disk, permissions); the store still records
    /// and the host keeps acting. Called at every failed sync.</summary>
    void AuditLogFailed(string message) { }

    /// <summary>The audit log is written again after <see cref="AuditLogFailed"/> and has caught up with the store.</summary>
    void AuditLogRecovered() { }

    /// <summary>The agent in <paramref name="branch"/>'s pane as just seen (null: the pane is a shell or another program).</summary>
    void AgentSeen(string branch, AgentView? agent) { }

    /// <summary>The loop looked at <paramref name="branch"/>'s pane <paramref name="pane"/> at <paramref name="at"/> and judged it
    /// busy or idle (<paramref name="activity"/>, with the reason): the verdict its decisions used.</summary>
    void PaneSeen(string branch, Tmux.PaneTarget pane, Panes.PaneActivity activity, DateTimeOffset at) { }

    /// <summary>Who holds <paramref name="branch"/>'s lease as this host knows it: <paramref name="holder"/> (this host when
    /// <paramref name="thisHost"/>), or null when this host gave it up or lost it and has not seen another holder.</summary>
    void LeaseHolderSeen(string branch, string? holder, bool thisHost) { }
}
