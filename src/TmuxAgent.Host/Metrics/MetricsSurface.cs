using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TmuxAgent.Host.Cli;
using TmuxAgent.Host.Observers;

namespace TmuxAgent.Host.Metrics;

/// <summary>Registers the orchestrator metrics (always, so the dashboard's <c>/metrics</c> can serve them) and, when
/// <c>metrics_port</c> or <c>--metrics-port</c> is set, the exporter on <c>metrics_host</c>.</summary>
public static class MetricsSurface
{
    /// <summary>Adds metrics to the daemon's services.</summary>
    public static void Add(IServiceCollection services, ListenerSettings listeners)
    {
        services.AddSingleton(_ => new OrchestratorMetrics(Prometheus.Metrics.NewCustomRegistry()));
        services.AddSingleton<IOrchestratorObserver>(sp => new MetricsObserver(sp.GetRequiredService<OrchestratorMetrics>()));
        if (listeners.MetricsPort is { } port)
            services.AddHostedService(sp => new ExporterService(
                new MetricsExporter(sp.GetRequiredService<OrchestratorMetrics>().Registry, port, listeners.MetricsHost),
                sp.GetRequiredService<ILoggerFactory>().CreateLogger("metrics")));
    }

    private sealed class ExporterService(MetricsExporter exporter, ILogger log) : IHostedService
    {
        public async Task StartAsync(CancellationToken ct)
        {
            await exporter.StartAsync(ct).ConfigureAwait(false);
            log.LogInformation("metrics at {Uri}", exporter.MetricsUri);
        }

        public Task StopAsync(CancellationToken ct) => exporter.StopAsync(ct);
    }
}
