using TmuxAgent.Config;

namespace TmuxAgent.Host.Cli;

/// <summary>Where the daemon's HTTP listeners go (command line over orchestrator.toml over defaults). Null port: that listener is off.</summary>
/// <param name="MetricsPort">Prometheus exporter port; null: none.</param>
/// <param name="MetricsHost">Exporter address.</param>
/// <param name="DashboardPort">Dashboard port (default 8702); null: off (<c>dashboard_port = 0</c>).</param>
/// <param name="DashboardHost">Dashboard address (default 127.0.0.1).</param>
/// <param name="PortalPort">Approval portal port (default 8787); null: off (<c>portal_port = 0</c>).</param>
/// <param name="PortalHost">Portal address (default 127.0.0.1).</param>
/// <param name="ApprovalTokenFile">File holding the approval token (<c>TMUXAGENT_APPROVAL_TOKEN</c> wins).</param>
/// <param name="DashboardPortDefaulted">True when the dashboard port is the default (a port in use then only disables it).</param>
/// <param name="PortalPortDefaulted">True when the portal port is the default (a port in use then only disables it).</param>
/// <param name="ConfigPath">The orchestrator.toml these came from (for messages).</param>
/// <param name="PublicHosts"><c>public_hosts</c>: <c>Host</c> names the dashboard and portal accept besides loopback names.</param>
/// <param name="CorsOrigins"><c>cors_origins</c>: origins allowed to call the portal's API besides the dashboard's own.</param>
/// <param name="ShowPanes"><c>dashboard_show_panes</c>: whether the dashboard's branch page shows the pane's last lines.</param>
public sealed record ListenerSettings(
    int? MetricsPort, string MetricsHost,
    int? DashboardPort, string DashboardHost,
    int? PortalPort, string PortalHost,
    string? ApprovalTokenFile,
    bool DashboardPortDefaulted = false, bool PortalPortDefaulted = false,
    string ConfigPath = "orchestrator.toml",
    IReadOnlyList<string>? PublicHosts = null, IReadOnlyList<string>? CorsOrigins = null, bool ShowPanes = true)
{
    /// <summary>Default dashboard port.</summary>
    public const int DefaultDashboardPort = 8702;
    /// <summary>Default approval portal port.</summary>
    public const int DefaultPortalPort = 8787;

    /// <summary>Resolved from the configuration and the command line.</summary>
    public static ListenerSettings From(OrchestratorConfig c, RunOptions o)
    {
        var dashboard = o.DashboardPort ?? c.DashboardPort;
        var portal = o.PortalPort ?? c.PortalPort;
        return new(
            o.MetricsPort ?? c.MetricsPort, o.MetricsHost ?? c.MetricsHost,
            Resolve(dashboard, DefaultDashboardPort), c.DashboardHost,
            Resolve(portal, DefaultPortalPort), c.PortalHost, c.ApprovalTokenFile,
            dashboard is null, portal is null, c.DisplayPath, c.PublicHosts, c.CorsOrigins, c.DashboardShowPanes);
    }

    private static int? Resolve(int? port, int fallback) => port switch { null => fallback, 0 => null, _ => port };
}
