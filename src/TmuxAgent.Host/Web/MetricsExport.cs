using Prometheus;

namespace TmuxAgent.Host.Web;

/// <summary>
/// Something the dashboard's <c>/metrics</c> writes in the Prometheus text format, before the dashboard's own metrics.
/// Register one per source in DI (e.g. the orchestrator's registry: <c>services.AddSingleton&lt;IMetricsExport&gt;(new RegistryExport(registry))</c>).
/// Metric names must not repeat across sources.
/// </summary>
public interface IMetricsExport
{
    /// <summary>Writes the current samples to <paramref name="output"/>.</summary>
    Task WriteAsync(Stream output, CancellationToken ct);
}

/// <summary>Exports a prometheus-net <see cref="CollectorRegistry"/>.</summary>
public sealed class RegistryExport(CollectorRegistry registry) : IMetricsExport
{
    /// <inheritdoc />
    public Task WriteAsync(Stream output, CancellationToken ct) => registry.CollectAndExportAsTextAsync(output, ct);
}
