using Microsoft.Extensions.Logging;

namespace TmuxAgent.Host.Cli;

/// <summary>The command line of <c>tmux-agent-orchestrator</c>.</summary>
public sealed record RunOptions(
    string? Config,
    string OrchestratorConfig,
    bool DryRun,
    int? MetricsPort,
    string? MetricsHost,
    LogLevel LogLevel,
    bool Once,
    bool CheckConfig,
    string Store);
