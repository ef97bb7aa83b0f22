using Prometheus;
using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Store;
using TmuxAgent.Host.Metrics;

namespace TmuxAgent.Tests.Metrics;

/// <summary>
/// What the host loop does, in small: append events to a real (in-memory) store, then feed them to
/// <see cref="OrchestratorMetrics"/>, served by a real <see cref="MetricsExporter"/> on a loopback port.
/// </summary>
public sealed class MetricsHarness : IAsyncDisposable
{
    private readonly Dictionary<string, LoadedBranch> _states = new();

    private MetricsHarness(IEventStore store, OrchestratorMetrics metrics, MetricsExporter exporter)
    {
        Store = store;
        Metrics = metrics;
        Exporter = exporter;
        Repository = new BranchRepository(store);
    }

    public IEventStore Store { get; }
    public BranchRepository Repository { get; }
    public OrchestratorMetrics Metrics { get; }
    public MetricsExporter Exporter { get; }

    public static async Task<MetricsHarness> StartAsync(IEventStore? store = null)
    {
        var metrics = new OrchestratorMetrics(Prometheus.Metrics.NewCustomRegistry());
        var exporter = new MetricsExporter(metrics.Registry, port: 0, host: "127.0.0.1");
        await exporter.StartAsync();
        return new MetricsHarness(store ?? new InMemoryEventStore(), metrics, exporter);
    }

    /// <summary>Appends the events to their branch (one at a time, as facts) and observes each with the state after it.</summary>
    public async Task FeedAsync(params BranchEvent[] events)
    {
        foreach (var e in events)
        {
            var before = _states.GetValueOrDefault(e.Branch) ?? await Repository.LoadAsync(e.Branch);
            var after = await Repository.AppendAsync(before, [e]);
            _states[e.Branch] = after;
            Metrics.Observe(e, after.State);
        }
    }

    public Task<Exposition> ScrapeAsync(string path = "/metrics") =>
        Exposition.ScrapeAsync(new Uri(Exporter.MetricsUri, path));

    public async ValueTask DisposeAsync() => await Exporter.DisposeAsync();
}
