using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TmuxAgent.Host.Hosting;

/// <summary>The loop as a hosted service. Stopping (SIGTERM, Ctrl-C) cancels the wait or the decision in progress;
/// an append in progress always finishes and the mirror is synced after it.</summary>
public sealed class OrchestratorService(OrchestratorLoop loop, ILogger<OrchestratorService> logger) : BackgroundService
{
    /// <summary>The error that ended the loop, if any (the process then exits 1).</summary>
    public Exception? Failure { get; private set; }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try { await loop.RunAsync(stoppingToken); }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        catch (Exception e)
        {
            Failure = e;
            logger.LogCritical(e, "the orchestrator loop failed");
            throw;
        }
        finally { logger.LogInformation("orchestrator stopped"); }
    }
}
