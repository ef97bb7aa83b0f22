using Microsoft.Extensions.Logging.Abstractions;
using TmuxAgent.Core.Commands;
using TmuxAgent.Core.Store;
using TmuxAgent.Host;
using TmuxAgent.Core.Branches;
using TmuxAgent.Host.Metrics;
using TmuxAgent.Tests.Host.Loop;

namespace TmuxAgent.Tests.Reliability;

/// <summary>A loop of a <see cref="LoopHarness"/> with real metrics, for the fault tests: one branch whose source always
/// decides <c>command</c>, and the metrics' and notifications' readings.</summary>
public static class MeteredLoop
{
    /// <summary>A loaded loop over <paramref name="store"/> for <paramref name="branch"/>, observed by the harness and by metrics.</summary>
    public static async Task<(OrchestratorLoop Loop, OrchestratorMetrics Metrics)> StartAsync(LoopHarness h, IEventStore store, string branch, string command)
    {
        var metrics = new OrchestratorMetrics(Prometheus.Metrics.NewCustomRegistry());
        var source = new ScriptedSource(_ => new Decision("run", [CommandSpec.Of(command)]));
        var settings = new LoopSettings(h.Config(LoopHarness.Task(branch)), h.Agent, false, h.AuditPath, h.Dir["state/localbus-offsets.json"], source);
        var loop = new OrchestratorLoop(settings, store, [h.Observer, new MetricsObserver(metrics)], h.Inbox, NullLogger.Instance);
        await loop.LoadAsync();
        return (loop, metrics);
    }

    /// <summary>The value of the unlabelled metric <paramref name="name"/>.</summary>
    public static double Sample(OrchestratorMetrics metrics, string name)
    {
        using var ms = new MemoryStream();
        metrics.Registry.CollectAndExportAsTextAsync(ms).GetAwaiter().GetResult();
        var line = System.Text.Encoding.UTF8.GetString(ms.ToArray()).Split('\n').Single(l => l.StartsWith(name + " ", StringComparison.Ordinal));
        return double.Parse(line[(name.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>How often <paramref name="needle"/> occurs in <paramref name="s"/>.</summary>
    public static int CountOf(string s, string needle) => s.Split(needle).Length - 1;
}
