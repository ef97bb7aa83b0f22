using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Projections;
using TmuxAgent.Host.Metrics;
using static TmuxAgent.Host.Metrics.MetricNames;

namespace TmuxAgent.Tests.Metrics;

/// <summary>After a restart the metrics come back from the store's projection, not from zero.</summary>
[Category("http")]
public class MetricsRestoreTests
{
    private readonly BranchEventBuilder _weather = new("weather/bot");
    private readonly BranchEventBuilder _story = new("storyapp/feature-x");

    private BranchEvent[] History() =>
    [
        _weather.Queued("c1"), _weather.Queued("c2"), _weather.Queued("c3"), _weather.Dispatched("c1", fromQueue: true),
        _weather.Delivered("c1"), _weather.Completed("c1", 0), _weather.Decision(2.5),
        _weather.Failed(DecisionErrorKinds.JsonParseError), _weather.Failed(DecisionErrorKinds.Utf8DecodeError),
        _weather.Failed(DecisionErrorKinds.Timeout),
        _story.Requested("p1"), _story.Dispatched("s1", dryRun: true), _story.Dispatched("s2"), _story.DeliveryFailed("s2"),
        _story.Queued("s3"), _story.Dispatched("s3", fromQueue: true),
    ];

    [Test]
    public async Task Gauges_heartbeats_and_counters_come_back_from_the_store()
    {
        var history = History();
        await using var before = await MetricsHarness.StartAsync();
        await before.FeedAsync(history);

        // the host restarts: a new process, a new registry, the same store
        await using var after = await MetricsHarness.StartAsync(before.Store);
        after.Metrics.Restore(await BranchBoard.LoadAsync(after.Store));

        var x = await after.ScrapeAsync();
        x.Value(QueueSize, ("branch", "weather/bot")).Should().Be(2);
        x.Named(QueueSize).Should().ContainSingle("storyapp/feature-x has an empty queue");
        x.Value(PendingConfirmation, ("branch", "storyapp/feature-x")).Should().Be(1);
        x.Named(PendingConfirmation).Should().ContainSingle();
        x.Value(HeartbeatTimestamp, ("branch", "weather/bot")).Should().Be(history.Last(e => e.Branch == "weather/bot").At.ToUnixTimeSeconds(),
            "until its first cycle, a branch's heartbeat is its last recorded fact");
        x.Value(CommandsTotal, ("result", "queued")).Should().Be(4);
        x.Value(CommandsTotal, ("result", "dispatched")).Should().Be(3);
        x.Value(CommandsTotal, ("result", "dry_run")).Should().Be(1);
        x.Value(DecisionErrors, ("branch", "weather/bot")).Should().Be(3);
        x.Value(Utf8DecodeErrors, ("branch", "weather/bot")).Should().Be(1);
        x.Value(JsonParseFailures, ("branch", "weather/bot"), ("kind", "json_parse_error")).Should().Be(1);
        x.Value(CommandSuccess, ("branch", "weather/bot")).Should().Be(1);
        x.Value(CommandFailures, ("branch", "storyapp/feature-x")).Should().Be(1);
        x.Value(DecisionLatency + "_count").Should().Be(0, "latencies are not in the counters; the histogram starts empty");
    }

    [Test]
    public async Task Restored_counters_and_gauges_equal_the_live_ones()
    {
        await using var live = await MetricsHarness.StartAsync();
        await live.FeedAsync(History());
        await using var restored = await MetricsHarness.StartAsync(live.Store);
        restored.Metrics.Restore(await BranchBoard.LoadAsync(restored.Store));

        var a = await live.ScrapeAsync();
        var b = await restored.ScrapeAsync();

        static IEnumerable<string> Comparable(Exposition x) => x.Samples
            .Where(s => !s.Name.StartsWith(DecisionLatency) && s.Name != HeartbeatTimestamp)
            .Select(s => $"{s.Name}{{{string.Join(',', s.Labels.OrderBy(l => l.Key).Select(l => $"{l.Key}={l.Value}"))}}} {s.Value}");
        Comparable(b).Should().BeEquivalentTo(Comparable(a));
    }

    [Test]
    public async Task Restoring_twice_does_not_count_twice_and_new_events_count_on_top()
    {
        await using var h = await MetricsHarness.StartAsync();
        await h.FeedAsync(_weather.Queued("c1"), _weather.Failed(DecisionErrorKinds.EmptyOutput));
        var board = await BranchBoard.LoadAsync(h.Store);

        h.Metrics.Restore(board);
        h.Metrics.Restore(board);
        await h.FeedAsync(_weather.Failed(DecisionErrorKinds.EmptyOutput));

        var x = await h.ScrapeAsync();
        x.Value(CommandsTotal, ("result", "queued")).Should().Be(1);
        x.Value(DecisionErrors, ("branch", "weather/bot")).Should().Be(2);
        x.Value(JsonParseFailures, ("branch", "weather/bot"), ("kind", "empty_output")).Should().Be(2);
    }
}
