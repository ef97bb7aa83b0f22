using Microsoft.Extensions.Logging;

namespace TmuxAgent.Host.Demo;

/// <summary><c>tmux-agent-orchestrator demo</c>.</summary>
public static class DemoCommand
{
    /// <summary>Runs the demo until cancelled.</summary>
    public static Task<int> RunAsync(LogLevel level, bool keep, CancellationToken ct) => Task.FromResult(0);
}
