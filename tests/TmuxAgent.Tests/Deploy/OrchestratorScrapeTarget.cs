using TmuxAgent.Core.Branches;
using TmuxAgent.Tests.Metrics;

namespace TmuxAgent.Tests.Deploy;

/// <summary>
/// What Prometheus scrapes as the orchestrator (job <c>tmux-agent-orchestrator</c>), and the series it must then hold.
/// To run the Prometheus tests against the real host, implement this by starting
/// <c>tmux-agent-orchestrator … --metrics-port N</c> and return it from <see cref="PrometheusScrapeTests.CreateTarget"/>.
/// </summary>
public interface IOrchestratorScrapeTarget : IAsyncDisposable
{
    /// <summary>host:port of the exporter.</summary>
    string Address { get; }

    /// <summary>PromQL selectors that must return a series once Prometheus has scraped the target.</summary>
    IReadOnlyList<string> ExpectedSeries { get; }
}

/// <summary>
/// OrchestratorMetrics + MetricsExporter in this process, fed with the events a short orchestrator session appends:
/// weather/bot has 5 queued commands and a fresh heartbeat, storyapp/feature-x one pending confirmation and a
/// heartbeat ten minutes old.
/// </summary>
public sealed class InProcessOrchestratorTarget : IOrchestratorScrapeTarget
{
    private InProcessOrchestratorTarget(MetricsHarness harness) => Harness = harness;

    public MetricsHarness Harness { get; }
    public string Address => $"127.0.0.1:{Harness.Exporter.Port}";

    public IReadOnlyList<string> ExpectedSeries { get; } =
    [
        "orchestrator_commands_total{result=\"dispatched\"}", "orchestrator_commands_total{result=\"queued\"}",
        "orchestrator_commands_total{result=\"dry_run\"}", "orchestrator_queue_size{branch=\"weather/bot\"}",
        "orchestrator_pending_confirmation_total{branch=\"storyapp/feature-x\"}", "orchestrator_decision_latency_seconds_bucket{le=\"0.5\"}",
        "orchestrator_decision_latency_seconds_count", "orchestrator_decision_errors_total{branch=\"weather/bot\"}",
        "orchestrator_json_parse_failures_total{branch=\"weather/bot\",kind=\"json_parse_error\"}",
        "orchestrator_utf8_decode_errors_total{branch=\"weather/bot\"}", "orchestrator_command_success_total{branch=\"weather/bot\"}",
        "orchestrator_command_failures_total{branch=\"weather/bot\"}", "orchestrator_heartbeat_timestamp_seconds{branch=\"weather/bot\"}",
    ];

    public static async Task<InProcessOrchestratorTarget> StartAsync()
    {
        var h = await MetricsHarness.StartAsync();
        var weather = new BranchEventBuilder("weather/bot");
        var story = new BranchEventBuilder("storyapp/feature-x");
        await h.FeedAsync(weather.Decision(0.8), weather.Decision(4.2), story.Decision(12),
            weather.Dispatched("w0"), weather.Delivered("w0"), weather.Completed("w0", 0));
        for (var i = 1; i <= 5; i++) await h.FeedAsync(weather.Queued("w" + i, "npm test -- " + i));
        await h.FeedAsync(story.Requested("p1"), story.Dispatched("s1", dryRun: true));
        h.Metrics.CycleCompleted("weather/bot", DateTimeOffset.UtcNow);
        h.Metrics.CycleCompleted("storyapp/feature-x", DateTimeOffset.UtcNow.AddMinutes(-10));
        return new InProcessOrchestratorTarget(h);
    }

    /// <summary>A decision error on weather/bot after Prometheus has seen its counter at 0.</summary>
    public Task FailDecisionAsync() =>
        Harness.FeedAsync(new BranchEventBuilder("weather/bot").Failed(DecisionErrorKinds.JsonParseError));

    public ValueTask DisposeAsync() => Harness.DisposeAsync();
}
