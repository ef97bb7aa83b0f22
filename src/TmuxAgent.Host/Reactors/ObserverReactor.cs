using TmuxAgent.Host.Application;
using TmuxAgent.Host.Observers;

namespace TmuxAgent.Host.Reactors;

/// <summary>Metrics and the status view: tells every <see cref="IOrchestratorObserver"/> about each appended event with
/// the branch's folded state after it.</summary>
public sealed class ObserverReactor(ObserverSet observers) : IReactor
{
    /// <inheritdoc />
    public Task ReactAsync(Handled handled, ReactionContext context, CancellationToken ct)
    {
        foreach (var (e, after) in handled.Steps()) observers.Appended(e, after);
        return Task.CompletedTask;
    }
}
