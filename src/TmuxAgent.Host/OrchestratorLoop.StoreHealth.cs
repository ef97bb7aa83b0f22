using Microsoft.Extensions.Logging;

namespace TmuxAgent.Host;

public sealed partial class OrchestratorLoop
{
    private string? _storeFault;

    /// <summary>Whether the last store operation failed (until an append succeeds again).</summary>
    public bool StoreFaulted => _storeFault is not null;

    /// <summary>A store read or append failed: logged every time, notified once per outage, counted in metrics.</summary>
    private void StoreFailed(Exception e)
    {
        var first = _storeFault is null;
        _storeFault = e.Message;
        _log.LogError("event store failed, nothing more is acted on this cycle (retried next cycle): {Message}", e.Message);
        _observers.Notify(o => o.StoreFailed(e.Message));
        if (first) Notify("orchestrator", "Event store failing", $"The orchestrator cannot record to its event store and has stopped acting: {e.Message}", Now, "store_failed");
    }

    /// <summary>An append succeeded: ends an outage.</summary>
    private void StoreWorks()
    {
        if (_storeFault is null) return;
        _storeFault = null;
        _log.LogWarning("event store works again; carrying on");
        _observers.Notify(o => o.StoreRecovered());
        Notify("orchestrator", "Event store recovered", "The orchestrator records and acts again.", Now, "store_recovered");
    }
}
