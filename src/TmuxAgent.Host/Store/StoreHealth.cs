using Microsoft.Extensions.Logging;
using TmuxAgent.Host.Application;
using TmuxAgent.Host.LocalBus;
using TmuxAgent.Host.Observers;
using TmuxAgent.Host.Reactors;

namespace TmuxAgent.Host.Store;

/// <summary>Whether the event store works: a fault (<see cref="StoreFault"/>) is logged every time, notified once per
/// outage and counted in metrics; the next successful append ends the outage. A write conflict is not a fault.</summary>
public sealed class StoreHealth(ObserverSet observers, LocalBusOutbox bus, TimeProvider time, ILogger log) : IReactor
{
    private string? _fault;

    /// <summary>Whether the last store operation failed (until an append succeeds again).</summary>
    public bool Faulted => _fault is not null;

    /// <summary>A store read or append failed.</summary>
    public void Failed(Exception e)
    {
        var first = _fault is null;
        _fault = e.Message;
        log.LogError("event store failed, nothing more is acted on this cycle (retried next cycle): {Message}", e.Message);
        observers.Notify(o => o.StoreFailed(e.Message));
        if (first)
            bus.Notify("orchestrator", "Event store failing", $"The orchestrator cannot record to its event store and has stopped acting: {e.Message}",
                time.GetUtcNow(), "store_failed");
    }

    /// <summary>An append succeeded: ends an outage.</summary>
    public Task ReactAsync(Handled handled, ReactionContext context, CancellationToken ct)
    {
        if (_fault is null) return Task.CompletedTask;
        _fault = null;
        log.LogWarning("event store works again; carrying on");
        observers.Notify(o => o.StoreRecovered());
        bus.Notify("orchestrator", "Event store recovered", "The orchestrator records and acts again.", time.GetUtcNow(), "store_recovered");
        return Task.CompletedTask;
    }
}
