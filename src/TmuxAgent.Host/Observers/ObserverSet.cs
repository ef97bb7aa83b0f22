using Microsoft.Extensions.Logging;
using TmuxAgent.Core.Branches;

namespace TmuxAgent.Host.Observers;

/// <summary>Calls every observer, isolating the loop from their failures.</summary>
public sealed class ObserverSet(IEnumerable<IOrchestratorObserver> observers, ILogger logger)
{
    private readonly IReadOnlyList<IOrchestratorObserver> _all = observers.ToList();

    /// <summary>Notifies every observer.</summary>
    public void Notify(Action<IOrchestratorObserver> call)
    {
        foreach (var o in _all)
        {
            try { call(o); }
            catch (Exception e) { logger.LogWarning(e, "observer {Observer} failed", o.GetType().Name); }
        }
    }

    /// <summary>Convenience for <see cref="IOrchestratorObserver.EventAppended"/>.</summary>
    public void Appended(BranchEvent e, BranchState after) => Notify(o => o.EventAppended(e, after));
}
