using Microsoft.Extensions.Logging;
using TmuxAgent.Host.Application;
using TmuxAgent.Host.Audit;
using TmuxAgent.Host.LocalBus;
using TmuxAgent.Host.Observers;
using TmuxAgent.Host.Store;

namespace TmuxAgent.Host.Reactors;

/// <summary>
/// The JSONL audit mirror follows the store: an append marks it behind, and the loop syncs it once per branch visited
/// (and at the end of every cycle), not after every append — one open, tail check and write per branch instead of one
/// per fact. The store is the record; the mirror lags it by at most one branch's facts, and a restarted host appends
/// whatever it lacks. A mirror that cannot be written (full or read-only disk, permissions, a folder in its place) does
/// not stop the host: it keeps acting, reports the outage (log, observers, one notification) and retries every sync.
/// </summary>
public sealed class AuditReactor(AuditSync audit, ObserverSet observers, LocalBusOutbox bus, TimeProvider time, ILogger log) : IReactor
{
    private bool _behind;
    private string? _fault;

    /// <summary>Whether the last write of the audit mirror failed (until one succeeds again).</summary>
    public bool Faulted => _fault is not null;

    /// <inheritdoc />
    public Task ReactAsync(Handled handled, ReactionContext context, CancellationToken ct)
    {
        MarkBehind();
        return Task.CompletedTask;
    }

    /// <summary>The store has events the mirror may lack (this host's, or other hosts' folded into the board).</summary>
    public void MarkBehind() => _behind = true;

    /// <summary>Brings the mirror up to the store when it is behind (or the last sync failed). A store that cannot be read
    /// leaves it behind for the next try (the fault itself is reported by the cycle).</summary>
    public async Task SyncAsync()
    {
        if (!_behind) return;
        try { await SyncNowAsync().ConfigureAwait(false); }
        catch (Exception e) when (StoreFault.Is(e))
        {
            log.LogWarning("audit log not brought up to date, the store cannot be read: {Message}", e.Message);
        }
    }

    /// <summary>One sync of the mirror, whatever is behind; records whether the file could be written.</summary>
    public async Task SyncNowAsync()
    {
        var error = await audit.SyncAsync().ConfigureAwait(false);
        _behind = error is not null;
        if (error is null) Works();
        else Failed(error);
    }

    /// <summary>The mirror was not written: observed every time, notified once per outage. The host keeps acting.</summary>
    private void Failed(string message)
    {
        var first = _fault is null;
        _fault = message;
        observers.Notify(o => o.AuditLogFailed(message));
        if (first)
            bus.Notify("orchestrator", "Audit log failing",
                $"The orchestrator cannot write its audit log {audit.Path} and keeps acting (the event store records everything; "
                + $"the log catches up when it can be written): {message}", time.GetUtcNow(), "audit_log_failed");
    }

    /// <summary>The mirror was written: ends an outage.</summary>
    private void Works()
    {
        if (_fault is null) return;
        _fault = null;
        log.LogWarning("audit log {Path} written again; it has caught up with the store", audit.Path);
        observers.Notify(o => o.AuditLogRecovered());
        bus.Notify("orchestrator", "Audit log recovered", $"The audit log {audit.Path} is written again and has caught up with the event store.",
            time.GetUtcNow(), "audit_log_recovered");
    }
}
