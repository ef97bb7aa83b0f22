using Microsoft.Data.Sqlite;
using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Store;
using TmuxAgent.Core.Store.Sqlite;
using TmuxAgent.Host.Metrics;
using TmuxAgent.Tests.Host.Loop;

namespace TmuxAgent.Tests.Reliability;

/// <summary>A store that refuses appends: the loop stops acting, says so (log, metric, LocalBus), and carries on by itself afterwards.</summary>
[Category("tmux")]
public class StoreFaultTests
{
    private LoopHarness _h = null!;

    [SetUp] public void SetUp() => _h = new LoopHarness();
    [TearDown] public void TearDown() => _h.Dispose();

    [Test]
    public async Task A_full_disk_stops_dispatching_is_reported_and_recovers_when_space_returns()
    {
        _h.Tmux.NewSession("agent-demo-full");
        var store = new FaultyStore(new InMemoryEventStore()) { Fault = new IOException("No space left on device") };
        var (loop, metrics) = await MeteredLoop.StartAsync(_h, store, "demo/full", "echo full-$((6*7))");

        await loop.RunCycleAsync(CancellationToken.None);
        await loop.RunCycleAsync(CancellationToken.None);

        store.RefusedAppends.Should().BeGreaterThan(0);
        loop.StoreFaulted.Should().BeTrue();
        await Task.Delay(300);
        _h.Tmux.Capture("agent-demo-full").Should().NotContain("full-42", "nothing is typed that could not be recorded first");
        (await store.ReadAllAsync()).Should().BeEmpty();
        MeteredLoop.Sample(metrics, MetricNames.StoreHealthy).Should().Be(0);
        MeteredLoop.Sample(metrics, MetricNames.StoreErrors).Should().Be(2);
        MeteredLoop.CountOf(_h.Bus("notifications.jsonl"), "Event store failing").Should().Be(1, "one notification per outage, not per cycle");

        store.Fault = null;
        await loop.RunCycleAsync(CancellationToken.None);

        (await TmuxServer.WaitFor(() => _h.Tmux.Capture("agent-demo-full").Contains("\nfull-42"))).Should().BeTrue();
        loop.StoreFaulted.Should().BeFalse();
        MeteredLoop.Sample(metrics, MetricNames.StoreHealthy).Should().Be(1);
        _h.Bus("notifications.jsonl").Should().Contain("Event store recovered");
        _h.Observer.Events.OfType<CommandDispatched>().Should().ContainSingle();
    }

    [Test, Category("sqlite")]
    public async Task A_locked_sqlite_file_stops_dispatching_and_the_loop_carries_on_when_the_lock_is_released()
    {
        _h.Tmux.NewSession("agent-demo-locked");
        var dbPath = _h.Dir["state/events.db"];
        using var sqlite = SqliteEventStore.Open(dbPath, new SqliteStoreOptions { BusyTimeout = TimeSpan.FromMilliseconds(200) });
        var (loop, metrics) = await MeteredLoop.StartAsync(_h, sqlite, "demo/locked", "echo locked-$((6*7))");

        using (var other = new SqliteConnection($"Data Source={dbPath};Pooling=False"))
        {
            other.Open();
            using (var begin = other.CreateCommand()) { begin.CommandText = "BEGIN EXCLUSIVE"; begin.ExecuteNonQuery(); }
            await loop.RunCycleAsync(CancellationToken.None);

            loop.StoreFaulted.Should().BeTrue();
            MeteredLoop.Sample(metrics, MetricNames.StoreHealthy).Should().Be(0);
            _h.Bus("notifications.jsonl").Should().Contain("Event store failing").And.Contain("locked");
            using (var rollback = other.CreateCommand()) { rollback.CommandText = "ROLLBACK"; rollback.ExecuteNonQuery(); }
        }
        await Task.Delay(300);
        _h.Tmux.Capture("agent-demo-locked").Should().NotContain("locked-42");

        await loop.RunCycleAsync(CancellationToken.None);

        (await TmuxServer.WaitFor(() => _h.Tmux.Capture("agent-demo-locked").Contains("\nlocked-42"))).Should().BeTrue();
        loop.StoreFaulted.Should().BeFalse();
        MeteredLoop.Sample(metrics, MetricNames.StoreHealthy).Should().Be(1);
        (await sqlite.ReadAllAsync()).Select(e => e.EventType).Should().Contain(t => t.Contains("Dispatched", StringComparison.OrdinalIgnoreCase));
    }
}
