using TmuxAgent.Core.Branches;
using TmuxAgent.Host.Metrics;
using static TmuxAgent.Host.Metrics.MetricNames;

namespace TmuxAgent.Tests.Metrics;

[Category("http")]
public class OrchestratorMetricsTests
{
    private MetricsHarness _h = null!;
    private readonly BranchEventBuilder _weather = new("weather/bot");
    private readonly BranchEventBuilder _story = new("storyapp/feature-x");

    [SetUp]
    public async Task Start() => _h = await MetricsHarness.StartAsync();

    [TearDown]
    public async Task Stop() => await _h.DisposeAsync();

    [Test]
    public async Task Every_metric_has_its_contract_name_and_type()
    {
        await _h.FeedAsync(_weather.Queued("c1"), _weather.Requested("c2"), _weather.Decision(1.2),
            _weather.Failed(DecisionErrorKinds.JsonParseError), _weather.Failed(DecisionErrorKinds.Utf8DecodeError),
            _weather.Completed("c0", 0), _weather.Completed("c9", 1));
        _h.Metrics.CycleCompleted(_weather.Branch, BranchEventBuilder.T0);

        var x = await _h.ScrapeAsync();

        var expected = new Dictionary<string, string>
        {
            [CommandsTotal] = "counter", [QueueSize] = "gauge", [PendingConfirmation] = "gauge",
            [DecisionLatency] = "histogram", [DecisionErrors] = "counter", [JsonParseFailures] = "counter",
            [Utf8DecodeErrors] = "counter", [CommandSuccess] = "counter", [CommandFailures] = "counter",
            [HeartbeatTimestamp] = "gauge",
        };
        expected.Keys.Should().BeEquivalentTo(MetricNames.All);
        foreach (var (name, type) in expected) x.TypeOf(name).Should().Be(type, name);
        x.Samples.Select(s => s.Name).Distinct().Should().OnlyContain(n => n.StartsWith("orchestrator_"));
    }

    [Test]
    public async Task Commands_are_counted_by_result_and_every_result_starts_at_zero()
    {
        var fresh = await _h.ScrapeAsync();
        foreach (var r in CommandResults.All) fresh.Value(CommandsTotal, ("result", r)).Should().Be(0, r);

        await _h.FeedAsync(_weather.Queued("c1"), _weather.Queued("c2"), _weather.Dispatched("c1", fromQueue: true),
            _story.Dispatched("s1", dryRun: true), _story.Dispatched("s2", dryRun: true), _story.Dispatched("s3", dryRun: true));

        var x = await _h.ScrapeAsync();
        x.Value(CommandsTotal, ("result", "queued")).Should().Be(2);
        x.Value(CommandsTotal, ("result", "dispatched")).Should().Be(1);
        x.Value(CommandsTotal, ("result", "dry_run")).Should().Be(3);
        x.Named(CommandsTotal).Should().HaveCount(3);
    }

    [Test]
    public async Task Queue_size_follows_the_branch_and_its_series_is_removed_when_the_queue_empties()
    {
        await _h.FeedAsync(_weather.Queued("c1"), _weather.Queued("c2"), _story.Queued("s1"));
        var x = await _h.ScrapeAsync();
        x.Value(QueueSize, ("branch", "weather/bot")).Should().Be(2);
        x.Value(QueueSize, ("branch", "storyapp/feature-x")).Should().Be(1);

        await _h.FeedAsync(_weather.Dispatched("c1", fromQueue: true), _weather.Dispatched("c2", fromQueue: true));

        x = await _h.ScrapeAsync();
        x.Named(QueueSize).Should().ContainSingle().Which.Labels["branch"].Should().Be("storyapp/feature-x");
        x.Text.Should().NotContain($"{QueueSize}{{branch=\"weather/bot\"}}");
    }

    [Test]
    public async Task Pending_confirmations_are_a_gauge_removed_when_nothing_waits_for_approval()
    {
        await _h.FeedAsync(_story.Requested("p1", "rm -rf build"), _story.Requested("p2", "git push -f"));
        (await _h.ScrapeAsync()).Value(PendingConfirmation, ("branch", "storyapp/feature-x")).Should().Be(2);

        await _h.FeedAsync(_story.Approved("p1", "rm -rf build"));
        (await _h.ScrapeAsync()).Value(PendingConfirmation, ("branch", "storyapp/feature-x")).Should().Be(1);

        await _h.FeedAsync(_story.Denied("p2", "git push -f"));
        (await _h.ScrapeAsync()).Named(PendingConfirmation).Should().BeEmpty();
    }

    [Test]
    public async Task Decision_latency_is_a_histogram_with_the_original_buckets()
    {
        await _h.FeedAsync(_weather.Decision(0.4), _weather.Decision(0.7), _weather.Decision(3), _story.Decision(75));

        var x = await _h.ScrapeAsync();
        var buckets = x.Named(DecisionLatency + "_bucket").ToDictionary(s => s.Labels["le"], s => s.Value);
        buckets.Keys.Should().Equal("0.5", "1", "2", "5", "10", "20", "30", "60", "+Inf");
        buckets.Values.Should().Equal(1, 2, 2, 3, 3, 3, 3, 3, 4);
        x.Value(DecisionLatency + "_count").Should().Be(4);
        x.Value(DecisionLatency + "_sum").Should().BeApproximately(79.1, 1e-9);
    }

    [Test]
    public async Task Every_decision_error_counts_and_parse_and_utf8_errors_are_counted_by_kind()
    {
        foreach (var kind in DecisionErrorKinds.All) await _h.FeedAsync(_weather.Failed(kind));
        await _h.FeedAsync(_weather.Failed(DecisionErrorKinds.JsonParseError), _story.Failed(DecisionErrorKinds.Timeout));

        var x = await _h.ScrapeAsync();
        x.Value(DecisionErrors, ("branch", "weather/bot")).Should().Be(DecisionErrorKinds.All.Count + 1);
        x.Value(DecisionErrors, ("branch", "storyapp/feature-x")).Should().Be(1);
        x.Value(JsonParseFailures, ("branch", "weather/bot"), ("kind", "json_parse_error")).Should().Be(2);
        x.Value(JsonParseFailures, ("branch", "weather/bot"), ("kind", "invalid_payload_type")).Should().Be(1);
        x.Value(JsonParseFailures, ("branch", "weather/bot"), ("kind", "empty_output")).Should().Be(1);
        x.Named(JsonParseFailures).Select(s => s.Labels["kind"]).Distinct().Should()
            .BeEquivalentTo(["json_parse_error", "invalid_payload_type", "empty_output"], "timeouts, process and UTF-8 errors are not parse failures");
        x.Value(JsonParseFailures, ("branch", "storyapp/feature-x"), ("kind", "json_parse_error")).Should().Be(0);
        x.Value(Utf8DecodeErrors, ("branch", "weather/bot")).Should().Be(1);
        x.Value(Utf8DecodeErrors, ("branch", "storyapp/feature-x")).Should().Be(0);
    }

    [Test]
    public async Task A_branch_s_counters_start_at_zero_when_it_is_first_seen_so_its_first_error_is_an_increase()
    {
        _h.Metrics.CycleCompleted("weather/bot", BranchEventBuilder.T0);
        await _h.FeedAsync(_story.Queued("s1"));

        var x = await _h.ScrapeAsync();
        foreach (var branch in new[] { "weather/bot", "storyapp/feature-x" })
        {
            x.Value(DecisionErrors, ("branch", branch)).Should().Be(0, branch);
            x.Value(Utf8DecodeErrors, ("branch", branch)).Should().Be(0, branch);
            x.Value(CommandSuccess, ("branch", branch)).Should().Be(0, branch);
            x.Value(CommandFailures, ("branch", branch)).Should().Be(0, branch);
            foreach (var kind in DecisionErrorMetrics.JsonParseKinds) x.Value(JsonParseFailures, ("branch", branch), ("kind", kind)).Should().Be(0);
        }
    }

    [Test]
    public async Task Command_outcomes_count_exit_zero_as_success_and_non_zero_or_undelivered_as_failure()
    {
        await _h.FeedAsync(_weather.Dispatched("c1"), _weather.Delivered("c1"), _weather.Completed("c1", 0),
            _weather.Dispatched("c2"), _weather.Delivered("c2"), _weather.Completed("c2", 2),
            _weather.Dispatched("c3"), _weather.DeliveryFailed("c3"));

        var x = await _h.ScrapeAsync();
        x.Value(CommandSuccess, ("branch", "weather/bot")).Should().Be(1);
        x.Value(CommandFailures, ("branch", "weather/bot")).Should().Be(2);
    }

    [Test]
    public async Task Heartbeat_is_the_unix_time_of_the_last_completed_cycle()
    {
        _h.Metrics.CycleCompleted("weather/bot", DateTimeOffset.FromUnixTimeMilliseconds(1763900002_710));
        _h.Metrics.CycleCompleted("storyapp/feature-x", DateTimeOffset.FromUnixTimeSeconds(1763900005));
        _h.Metrics.CycleCompleted("weather/bot", DateTimeOffset.FromUnixTimeSeconds(1763900050));

        var x = await _h.ScrapeAsync();
        x.Value(HeartbeatTimestamp, ("branch", "weather/bot")).Should().Be(1763900050);
        x.Value(HeartbeatTimestamp, ("branch", "storyapp/feature-x")).Should().Be(1763900005);
    }

    [Test]
    public async Task Forgetting_a_branch_removes_all_its_series()
    {
        await _h.FeedAsync(_weather.Queued("c1"), _weather.Requested("p1"), _weather.Failed(DecisionErrorKinds.EmptyOutput),
            _weather.Failed(DecisionErrorKinds.Utf8DecodeError), _weather.Completed("c0", 0), _weather.Completed("c9", 3),
            _story.Queued("s1"));
        _h.Metrics.CycleCompleted("weather/bot", BranchEventBuilder.T0);

        _h.Metrics.ForgetBranch("weather/bot");

        var x = await _h.ScrapeAsync();
        x.Samples.Should().NotContain(s => s.Labels.Values.Contains("weather/bot"));
        x.Value(QueueSize, ("branch", "storyapp/feature-x")).Should().Be(1);
    }

    [Test]
    public async Task Two_instances_with_their_own_registries_do_not_share_values()
    {
        await using var other = await MetricsHarness.StartAsync();
        await _h.FeedAsync(_weather.Queued("c1"));

        (await other.ScrapeAsync()).Value(CommandsTotal, ("result", "queued")).Should().Be(0);
        (await _h.ScrapeAsync()).Value(CommandsTotal, ("result", "queued")).Should().Be(1);
    }

    [Test]
    public async Task Commands_held_for_an_unknown_risk_label_are_counted_per_branch()
    {
        await _h.FeedAsync(_weather.Requested("c1"),
            new ConfirmationRequested("c2", "agent-x", TmuxAgent.Core.Commands.CommandSpec.Of("make", "hgh"), "risk_level=unknown:hgh") { Branch = _weather.Branch, At = BranchEventBuilder.T0 });

        (await _h.ScrapeAsync()).Value(UnknownRiskLevels, ("branch", _weather.Branch)).Should().Be(1);
    }

    [Test]
    public async Task The_additions_have_their_names_and_types_and_start_healthy()
    {
        var x = await _h.ScrapeAsync();

        var expected = new Dictionary<string, string>
        {
            [StoreErrors] = "counter", [StoreHealthy] = "gauge", [AuditLogErrors] = "counter", [AuditLogHealthy] = "gauge",
            [UnknownRiskLevels] = "counter",
            [PortalAuthFailures] = "counter",
            [AgentSubmissions] = "counter",
            [AgentStuck] = "gauge", [AgentStuckTotal] = "counter",
        };
        expected.Keys.Should().BeEquivalentTo(Additions);
        Additions.Should().NotIntersectWith(All);
        foreach (var (name, type) in expected) x.TypeOf(name).Should().Be(type, name);
        x.Value(StoreHealthy).Should().Be(1);
        x.Value(AuditLogHealthy).Should().Be(1);
        x.Value(AuditLogErrors).Should().Be(0);
    }

    [Test]
    public async Task An_audit_log_outage_counts_every_failed_write_and_the_gauge_follows_it()
    {
        var observer = new MetricsObserver(_h.Metrics);
        observer.AuditLogFailed("No space left on device");
        observer.AuditLogFailed("No space left on device");

        var during = await _h.ScrapeAsync();
        during.Value(AuditLogHealthy).Should().Be(0);
        during.Value(AuditLogErrors).Should().Be(2);
        during.Value(StoreHealthy).Should().Be(1, "the store is another matter");

        observer.AuditLogRecovered();

        var after = await _h.ScrapeAsync();
        after.Value(AuditLogHealthy).Should().Be(1);
        after.Value(AuditLogErrors).Should().Be(2);
    }
}
