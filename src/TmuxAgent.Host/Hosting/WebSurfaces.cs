using Microsoft.Extensions.DependencyInjection;
using TmuxAgent.Host.Cli;

namespace TmuxAgent.Host.Hosting;

/// <summary>
/// The daemon's HTTP listeners: metrics (<c>metrics_port</c>), dashboard (<c>dashboard_port</c>, 8702) and phone portal
/// (<c>portal_port</c>, 8787). Each is meant as its own hosted service building a small ASP.NET Core app on its port,
/// reading <see cref="Observers.OrchestratorStatus"/> and posting to <see cref="Observers.ApprovalInbox"/>; observers
/// (metrics) register as <see cref="Observers.IOrchestratorObserver"/>. Only the daemon calls this; <c>--once</c> and
/// <c>--check-config</c> start no listeners.
/// </summary>
public static class WebSurfaces
{
    /// <summary>Registers the listeners enabled in <paramref name="listeners"/>.</summary>
    public static void Add(IServiceCollection services, ListenerSettings listeners)
    {
        Metrics.MetricsSurface.Add(services, listeners);
    }
}
