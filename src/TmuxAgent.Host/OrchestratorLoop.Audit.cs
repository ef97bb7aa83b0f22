using Microsoft.Extensions.Logging;
using TmuxAgent.Host.Store;

namespace TmuxAgent.Host;

/// <summary>The JSONL audit mirror follows the store once per branch visited (and at the end of every cycle), not after
/// every append: one open, tail check and write per branch instead of one per fact. The store is the record; the
/// mirror lags it by at most one branch's facts, and a restarted host appends whatever it lacks.</summary>
public sealed partial class OrchestratorLoop
{
    private bool _auditBehind;

    /// <summary>Brings the mirror up to the store when this host appended since the last sync. A store that cannot
    /// be read leaves it behind for the next try (the fault itself is reported by the cycle).</summary>
    private async Task SyncAuditAsync()
    {
        if (!_auditBehind) return;
        try
        {
            await _audit.SyncAsync().ConfigureAwait(false);
            _auditBehind = false;
        }
        catch (Exception e) when (StoreFault.Is(e))
        {
            _log.LogWarning("audit log not brought up to date, the store cannot be read: {Message}", e.Message);
        }
    }
}
