using Microsoft.Extensions.Logging.Abstractions;
using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;
using TmuxAgent.Core.Store;
using TmuxAgent.Host;
using TmuxAgent.Host.Metrics;
using TmuxAgent.Tests.Host.Loop;

namespace TmuxAgent.Tests.Reliability;

/// <summary>An audit log that cannot be written while the store works: the loop keeps acting (the store is the record),
/// says so (observers, metric, one LocalBus notification per outage), and the mirror catches up once it can be written.
/// The path is made unwritable by a folder in its place (tests run as root, so file modes would not stop the write).</summary>
[Category("tmux")]
public class AuditLogFaultTests
{
    private LoopHarness _h = null!;

    [SetUp] public void SetUp() => _h = new LoopHarness();
    [TearDown] public void TearDown() => _h.Dispose();

    [Test]
    public async Task An_unwritable_audit_log_is_reported_once_per_outage_the_host_keeps_dispatching_and_the_log_catches_up()
    {
        _h.Tmux.NewSession("agent-demo-audit");
        Directory.CreateDirectory(_h.AuditPath);   // a folder where the log should be
        var (loop, metrics) = await StartAsync("demo/audit", "echo audit-$((6*7))");

        await loop.RunCycleAsync(CancellationToken.None);
        await loop.RunCycleAsync(CancellationToken.None);

        (await TmuxServer.WaitFor(() => _h.Tmux.Capture("agent-demo-audit").Contains("\naudit-42"))).Should().BeTrue("the host keeps acting");
        _h.Observer.Events.OfType<CommandDispatched>().Should().NotBeEmpty();
        loop.StoreFaulted.Should().BeFalse();
        loop.AuditLogFaulted.Should().BeTrue();
        _h.Observer.AuditLogFailures.Should().HaveCountGreaterThanOrEqualTo(3, "at start and at every sync of both cycles")
            .And.OnlyContain(m => m.Length > 0);
        _h.Observer.AuditLogRecoveries.Should().Be(0);
        Sample(metrics, MetricNames.AuditLogHealthy).Should().Be(0);
        Sample(metrics, MetricNames.AuditLogErrors).Should().Be(_h.Observer.AuditLogFailures.Count);
        Sample(metrics, MetricNames.StoreHealthy).Should().Be(1);
        var notifications = _h.Bus("notifications.jsonl");
        CountOf(notifications, "audit_log_failed").Should().Be(1, "one notification per outage, not per sync");
        notifications.Should().Contain(Path.GetFileName(_h.AuditPath));

        Directory.Delete(_h.AuditPath);
        await loop.RunCycleAsync(CancellationToken.None);

        loop.AuditLogFaulted.Should().BeFalse();
        _h.Observer.AuditLogRecoveries.Should().Be(1);
        Sample(metrics, MetricNames.AuditLogHealthy).Should().Be(1);
        CountOf(_h.Bus("notifications.jsonl"), "audit_log_recovered").Should().Be(1);
        var stored = await _h.Store.ReadAllAsync();
        var lines = File.ReadAllLines(_h.AuditPath);
        lines.Should().HaveCount(stored.Count, "the mirror has caught up with every stored event");
        lines.Should().Contain(l => l.Contains("audit-"), "the dispatch made during the outage is in the log now");
    }

    private async Task<(OrchestratorLoop, OrchestratorMetrics)> StartAsync(string branch, string command)
    {
        var metrics = new OrchestratorMetrics(Prometheus.Metrics.NewCustomRegistry());
        var source = new ScriptedSource(_ => new Decision("run", [CommandSpec.Of(command)]));
        var settings = new LoopSettings(_h.Config(LoopHarness.Task(branch)), _h.Agent, false, _h.AuditPath, _h.Dir["state/localbus-offsets.json"], source);
        var loop = new OrchestratorLoop(settings, _h.Store, [_h.Observer, new MetricsObserver(metrics)], _h.Inbox, NullLogger.Instance);
        await loop.LoadAsync();
        return (loop, metrics);
    }

    private static double Sample(OrchestratorMetrics metrics, string name)
    {
        using var ms = new MemoryStream();
        metrics.Registry.CollectAndExportAsTextAsync(ms).GetAwaiter().GetResult();
        var line = System.Text.Encoding.UTF8.GetString(ms.ToArray()).Split('\n').Single(l => l.StartsWith(name + " ", StringComparison.Ordinal));
        return double.Parse(line[(name.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static int CountOf(string s, string needle) => s.Split(needle).Length - 1;
}
