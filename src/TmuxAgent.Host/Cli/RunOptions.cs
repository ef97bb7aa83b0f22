using Microsoft.Extensions.Logging;

namespace TmuxAgent.Host.Cli;

/// <summary>The command line of <c>tmux-agent-orchestrator</c> (<see cref="DashboardPort"/>/<see cref="PortalPort"/>: 0 turns the listener off;
/// <see cref="StoreGiven"/> false: <see cref="Store"/> is <c>--store</c>'s default, and orchestrator.toml's <c>store</c> replaces it).</summary>
public sealed record RunOptions(
    string? Config,
    string OrchestratorConfig,
    bool DryRun,
    int? MetricsPort,
    string? MetricsHost,
    LogLevel LogLevel,
    bool Once,
    bool CheckConfig,
    string Store,
    int? DashboardPort = null,
    int? PortalPort = null,
    string? HostId = null,
    bool StoreGiven = true);
