using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Store;
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
        var (loop, metrics) = await MeteredLoop.StartAsync(_h, _h.Store, "demo/audit", "echo audit-$((6*7))");

        await loop.RunCycleAsync(CancellationToken.None);
        await loop.RunCycleAsync(CancellationToken.None);

        (await TmuxServer.WaitFor(() => _h.Tmux.Capture("agent-demo-audit").Contains("\naudit-42"))).Should().BeTrue("the host keeps acting");
        _h.Observer.Events.OfType<CommandDispatched>().Should().NotBeEmpty();
        loop.StoreFaulted.Should().BeFalse();
        loop.AuditLogFaulted.Should().BeTrue();
        _h.Observer.AuditLogFailures.Should().HaveCountGreaterThanOrEqualTo(3, "at start and at every sync of both cycles")
            .And.OnlyContain(m => m.Length > 0);
        _h.Observer.AuditLogRecoveries.Should().Be(0);
        MeteredLoop.Sample(metrics, MetricNames.AuditLogHealthy).Should().Be(0);
        MeteredLoop.Sample(metrics, MetricNames.AuditLogErrors).Should().Be(_h.Observer.AuditLogFailures.Count);
        MeteredLoop.Sample(metrics, MetricNames.StoreHealthy).Should().Be(1);
        var notifications = _h.Bus("notifications.jsonl");
        MeteredLoop.CountOf(notifications, "audit_log_failed").Should().Be(1, "one notification per outage, not per sync");
        notifications.Should().Contain(Path.GetFileName(_h.AuditPath));

        Directory.Delete(_h.AuditPath);
        await loop.RunCycleAsync(CancellationToken.None);

        loop.AuditLogFaulted.Should().BeFalse();
        _h.Observer.AuditLogRecoveries.Should().Be(1);
        MeteredLoop.Sample(metrics, MetricNames.AuditLogHealthy).Should().Be(1);
        MeteredLoop.CountOf(_h.Bus("notifications.jsonl"), "audit_log_recovered").Should().Be(1);
        var stored = await _h.Store.ReadAllAsync();
        var lines = File.ReadAllLines(_h.AuditPath);
        lines.Should().HaveCount(stored.Count, "the mirror has caught up with every stored event");
        lines.Should().Contain(l => l.Contains("audit-"), "the dispatch made during the outage is in the log now");
    }
}
