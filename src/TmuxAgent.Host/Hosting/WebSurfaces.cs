using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TmuxAgent.Host.Cli;
using TmuxAgent.Config;
using TmuxAgent.Host.Observers;
using TmuxAgent.Host.Web;
using TmuxAgent.Host.Web.Dashboard;
using TmuxAgent.Host.Web.Dashboard.Branches;
using TmuxAgent.Host.Web.Portal;

namespace TmuxAgent.Host.Hosting;

/// <summary>
/// The daemon's HTTP listeners: dashboard (<c>dashboard_port</c>, 8702) and phone portal (<c>portal_port</c>, 8787), each
/// its own ASP.NET Core app on its own port, reading <see cref="OrchestratorStatus"/> and posting to <see cref="ApprovalInbox"/>.
/// The dashboard's <c>/metrics</c> writes every registered <see cref="IMetricsExport"/> (the orchestrator's metrics) before its own.
/// Only the daemon calls this; <c>--once</c>, <c>--check-config</c> and <c>plan</c> start no listeners.
/// </summary>
public static class WebSurfaces
{
    /// <summary>Refuses settings that would expose the portal: a non-loopback <c>portal_host</c> without an approval token, or
    /// a token shorter than <see cref="ApprovalToken.MinExposedLength"/> with the dashboard or the portal off loopback.</summary>
    /// <exception cref="ConfigException">The portal would be exposed, or the token file is unusable.</exception>
    public static ApprovalToken? Check(ListenerSettings listeners) => Check(listeners, Environment.GetEnvironmentVariable(ApprovalToken.EnvironmentVariable));

    /// <summary><see cref="Check(ListenerSettings)"/> with the variable's value given.</summary>
    public static ApprovalToken? Check(ListenerSettings listeners, string? environmentToken)
    {
        if (listeners.PortalPort is null) return null;
        var token = ApprovalToken.Resolve(environmentToken, listeners.ApprovalTokenFile, listeners.ConfigPath);
        var portal = new ListenAddress(listeners.PortalHost, listeners.PortalPort.Value);
        if (token is null && !portal.IsLoopback)
            throw ConfigException.At(new SourceLocation(listeners.ConfigPath, 0, 0), "portal_host",
                $"\"{listeners.PortalHost}\" is not a loopback address and no approval token is set ({ApprovalToken.EnvironmentVariable} or approval_token_file); " +
                "refusing to expose the approval portal (set a token, bind 127.0.0.1, or portal_port = 0)");
        var exposed = new (string Key, string Host, int? Port)[] { ("portal_host", listeners.PortalHost, listeners.PortalPort), ("dashboard_host", listeners.DashboardHost, listeners.DashboardPort) }
            .FirstOrDefault(l => l.Port is { } p && !new ListenAddress(l.Host, p).IsLoopback);
        if (token is not null && token.Length < ApprovalToken.MinExposedLength && exposed.Key is not null)
            throw ConfigException.At(new SourceLocation(listeners.ConfigPath, 0, 0), exposed.Key,
                $"\"{exposed.Host}\" is not a loopback address and the approval token ({token.Source}) is only {token.Length} characters; " +
                $"at least {ApprovalToken.MinExposedLength} are needed where others can reach a listener (e.g. openssl rand -base64 32)");
        return token;
    }

    /// <summary>Registers the listeners enabled in <paramref name="listeners"/>.</summary>
    /// <exception cref="ConfigException">See <see cref="Check(ListenerSettings)"/>.</exception>
    public static void Add(IServiceCollection services, ListenerSettings listeners)
    {
        var token = Check(listeners);
        Metrics.MetricsSurface.Add(services, listeners);
        // the dashboard's /metrics serves the orchestrator's metrics, then its own
        services.AddSingleton<IMetricsExport>(sp => new RegistryExport(sp.GetRequiredService<Metrics.OrchestratorMetrics>().Registry));
        services.AddSingleton<WebMetrics>();
        services.AddSingleton(TimeProvider.System);
        if (listeners.DashboardPort is { } dp)
        {
            services.AddSingleton(sp => new DashboardSurface(new ListenAddress(listeners.DashboardHost, dp), listeners.DashboardPortDefaulted,
                sp.GetRequiredService<OrchestratorStatus>(), sp.GetRequiredService<LoopSettings>().Config.CompletionPhase, () => sp.GetService<PortalSurface>()?.Url?.Port,
                sp.GetServices<IMetricsExport>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>(), sp.GetRequiredService<WebMetrics>())
            {
                PublicHosts = listeners.PublicHosts ?? [],
                Pages = new BranchPages(sp.GetRequiredService<Core.Store.IEventReader>(), sp.GetService<Core.Store.Leases.IBranchLeases>(),
                    sp.GetRequiredService<OrchestratorStatus>(), sp.GetRequiredService<StoreTail>(), sp.GetRequiredService<TimeProvider>(), listeners.ShowPanes),
            });
            services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<DashboardSurface>());
        }
        if (listeners.PortalPort is { } pp)
        {
            services.AddSingleton(sp =>
            {
                var logs = sp.GetRequiredService<ILoggerFactory>();
                var log = logs.CreateLogger("portal");
                if (token is null) log.LogWarning("portal: no approval token ({Variable} or approval_token_file); every approval will be refused", ApprovalToken.EnvironmentVariable);
                else if (token.Source != ApprovalToken.EnvironmentVariable && ApprovalToken.IsShared(token.Source))
                    log.LogWarning("portal: {File} can be read by other users; make it 0600", token.Source);
                var dashboardOnLoopback = listeners.DashboardPort is { } port && new ListenAddress(listeners.DashboardHost, port).IsLoopback;
                IReadOnlyCollection<string> Origins() => [.. CrossOrigin.DashboardOrigins(sp.GetService<DashboardSurface>()?.Url?.Port, dashboardOnLoopback),
                    .. listeners.CorsOrigins ?? []];
                var metrics = sp.GetRequiredService<Metrics.OrchestratorMetrics>();
                return new PortalSurface(new ListenAddress(listeners.PortalHost, pp), listeners.PortalPortDefaulted, token,
                    sp.GetRequiredService<OrchestratorStatus>(), sp.GetRequiredService<ApprovalInbox>(), Origins, logs, sp.GetRequiredService<WebMetrics>())
                {
                    PublicHosts = listeners.PublicHosts ?? [],
                    Time = sp.GetRequiredService<TimeProvider>(),
                    TokenRefused = metrics.PortalAuthFailed,
                };
            });
            services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<PortalSurface>());
        }
    }
}
