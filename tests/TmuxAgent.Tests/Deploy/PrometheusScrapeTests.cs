using System.Globalization;
using System.Text.Json;
using TmuxAgent.Host.Metrics;

namespace TmuxAgent.Tests.Deploy;

/// <summary>A real Prometheus scraping the orchestrator's exporter with the shipped config and alert rules.</summary>
[Category("prometheus")]
[NonParallelizable]
public class PrometheusScrapeTests
{
    private IOrchestratorScrapeTarget _target = null!;
    private MetricsExporter _dashboardStandIn = null!;
    private PrometheusServer _prometheus = null!;

    /// <summary>The one place to swap the scraped orchestrator (see <see cref="IOrchestratorScrapeTarget"/>).</summary>
    internal static async Task<IOrchestratorScrapeTarget> CreateTarget() => await InProcessOrchestratorTarget.StartAsync();

    [OneTimeSetUp]
    public async Task StartPrometheus()
    {
        _target = await CreateTarget();
        // stands in for the dashboard's own /metrics on 8702 (its metrics are not ours)
        _dashboardStandIn = new MetricsExporter(Prometheus.Metrics.NewCustomRegistry(), port: 0, host: "127.0.0.1");
        await _dashboardStandIn.StartAsync();
        _prometheus = await PrometheusServer.StartAsync(new Dictionary<string, string>
        {
            [PrometheusServer.OrchestratorJob] = _target.Address,
            [PrometheusServer.DashboardJob] = $"127.0.0.1:{_dashboardStandIn.Port}",
        });
        await _prometheus.WaitForAsync($"up{{job=\"{PrometheusServer.OrchestratorJob}\"}} == 1");
    }

    [OneTimeTearDown]
    public async Task StopPrometheus()
    {
        if (_prometheus is not null) await _prometheus.DisposeAsync();
        if (_dashboardStandIn is not null) await _dashboardStandIn.DisposeAsync();
        if (_target is not null) await _target.DisposeAsync();
    }

    [Test]
    public async Task Both_jobs_of_the_shipped_config_are_scraped()
    {
        foreach (var job in new[] { PrometheusServer.OrchestratorJob, PrometheusServer.DashboardJob })
            Value(await _prometheus.WaitForAsync($"up{{job=\"{job}\"}} == 1")).Should().Be(1, job);
    }

    [Test]
    public async Task Every_orchestrator_series_arrives_in_Prometheus()
    {
        foreach (var selector in _target.ExpectedSeries)
            (await _prometheus.WaitForAsync(selector)).GetArrayLength().Should().Be(1, selector);
    }

    [Test]
    public async Task Values_arrive_as_exported()
    {
        if (_target is not InProcessOrchestratorTarget) Assert.Ignore("values are known only for the in-process target");
        Value(await _prometheus.WaitForAsync("orchestrator_queue_size{branch=\"weather/bot\"}")).Should().Be(5);
        Value(await _prometheus.WaitForAsync("orchestrator_pending_confirmation_total{branch=\"storyapp/feature-x\"}")).Should().Be(1);
        Value(await _prometheus.WaitForAsync("orchestrator_commands_total{result=\"queued\"}")).Should().Be(5);
        Value(await _prometheus.WaitForAsync("orchestrator_commands_total{result=\"dry_run\"}")).Should().Be(1);
        Value(await _prometheus.WaitForAsync("orchestrator_decision_latency_seconds_count")).Should().Be(3);
        // scraped as OpenMetrics, bucket bounds arrive as "5.0", as the original Python client's did
        Value(await _prometheus.WaitForAsync("orchestrator_decision_latency_seconds_bucket{le=\"5.0\"}")).Should().Be(2);
    }

    [Test]
    public async Task The_shipped_alert_rules_are_loaded()
    {
        var rules = (await _prometheus.GetAsync("api/v1/rules")).GetProperty("data").GetProperty("groups").EnumerateArray()
            .SelectMany(g => g.GetProperty("rules").EnumerateArray()).ToList();
        rules.Should().OnlyContain(r => r.GetProperty("health").GetString() != "err");
        rules.Select(r => r.GetProperty("name").GetString()).Should().Contain(
            ["OrchestratorQueueBacklog", "OrchestratorPendingConfirmation", "OrchestratorHeartbeatMissing", "OrchestratorDecisionErrors"]);
    }

    [Test]
    public async Task Alerts_go_off_for_a_backlog_a_pending_approval_a_stale_heartbeat_and_a_decision_error()
    {
        if (_target is not InProcessOrchestratorTarget target) { Assert.Ignore("needs a target whose state the test controls"); return; }

        await _prometheus.WaitForAlertAsync("OrchestratorQueueBacklog", "pending", "branch", "weather/bot");
        await _prometheus.WaitForAlertAsync("OrchestratorPendingConfirmation", "pending", "branch", "storyapp/feature-x");
        var heartbeat = await _prometheus.WaitForAlertAsync("OrchestratorHeartbeatMissing", "firing", "branch", "storyapp/feature-x");
        heartbeat.GetProperty("labels").GetProperty("severity").GetString().Should().Be("critical");

        // the first error of a branch whose counter Prometheus has seen at 0
        await _prometheus.WaitForAsync("orchestrator_decision_errors_total{branch=\"weather/bot\"} == 0");
        await target.FailDecisionAsync();
        await _prometheus.WaitForAlertAsync("OrchestratorDecisionErrors", "firing", "branch", "weather/bot");
    }

    [Test]
    public async Task Every_dashboard_query_runs_and_returns_data()
    {
        foreach (var q in GrafanaDashboard.Queries())
        {
            var promql = GrafanaDashboard.Interpolate(q.Expr);
            var result = await _prometheus.WaitForAsync(promql);
            result.GetArrayLength().Should().BePositive($"panel \"{q.Panel}\": {promql}");
        }
    }

    private static double Value(JsonElement result) =>
        double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
}
