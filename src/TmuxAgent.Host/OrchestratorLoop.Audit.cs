using Microsoft.Extensions.Logging;
using TmuxAgent.Host.Store;

namespace TmuxAgent.Host;

/// <summary>The JSONL audit mirror follows the store once per branch visited (and at the end of every cycle), not after
/// every append: one open, tail check and write per branch instead of one per fact. The store is the record; the
/// mirror lags it by at most one branch's facts, and a restarted host appends whatever it lacks.
/// A mirror that cannot be written (full or read-only disk, permissions, a folder in its place) does not stop the host:
/// the store still records everything, so the host keeps acting, reports the outage (log, observers, one notification)
/// and retries every sync until the mirror has caught up.</summary>
public sealed partial class OrchestratorLoop
{
    private bool _auditBehind;
    private string? _auditFault;

    /// <summary>Whether the last write of the audit mirror failed (until one succeeds again).</summary>
    public bool AuditLogFaulted => _auditFault is not null;

    /// <summary>Brings the mirror up to the store when this host appended since the last sync (or the last sync
    /// failed). A store that cannot be read leaves it behind for the next try (the fault itself is reported by the cycle).</summary>
    private async Task SyncAuditAsync()
    {
        if (!_auditBehind) return;
        try { await SyncAuditNowAsync().ConfigureAwait(false); }
        catch (Exception e) when (StoreFault.Is(e))
        {
            _log.LogWarning("audit log not brought up to date, the store cannot be read: {Message}", e.Message);
        }
    }

    /// <summary>One sync of the mirror, whatever is behind; records whether the file could be written.</summary>
    private async Task SyncAuditNowAsync()
    {
        var error = await _audit.SyncAsync().ConfigureAwait(false);
        _auditBehind = error is not null;
        if (error is null) AuditLogWorks();
        else AuditLogFailed(error);
    }

    /// <summary>The mirror was not written: observed every time, notified once per outage. The host keeps acting.</summary>
    private void AuditLogFailed(string message)
    {
        var first = _auditFault is null;
        _auditFault = message;
        _observers.Notify(o => o.AuditLogFailed(message));
        if (first)
            Notify("orchestrator", "Audit log failing",
                $"The orchestrator cannot write its audit log {_audit.Path} and keeps acting (the event store records everything; "
                + $"the log catches up when it can be written): {message}", Now, "audit_log_failed");
    }

    /// <summary>The mirror was written: ends an outage.</summary>
    private void AuditLogWorks()
    {
        if (_auditFault is null) return;
        _auditFault = null;
        _log.LogWarning("audit log {Path} written again; it has caught up with the store", _audit.Path);
        _observers.Notify(o => o.AuditLogRecovered());
        Notify("orchestrator", "Audit log recovered", $"The audit log {_audit.Path} is written again and has caught up with the event store.", Now, "audit_log_recovered");
    }
}
