using TmuxAgent.Host.Config;

namespace TmuxAgent.Host.Cli;

/// <summary>Where the daemon's HTTP listeners go (command line over orchestrator.toml). Null port: that listener is off.</summary>
public sealed record ListenerSettings(
    int? MetricsPort, string MetricsHost,
    int? DashboardPort, string DashboardHost,
    int? PortalPort, string PortalHost,
    string? ApprovalTokenFile)
{
    /// <summary>Resolved from the configuration and the command line.</summary>
    public static ListenerSettings From(OrchestratorConfig c, RunOptions o) => new(
        o.MetricsPort ?? c.MetricsPort, o.MetricsHost ?? c.MetricsHost,
        c.DashboardPort, c.DashboardHost, c.PortalPort, c.PortalHost, c.ApprovalTokenFile);
}
