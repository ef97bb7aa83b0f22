using TmuxAgent.Core.Agents;
using TmuxAgent.Core.Projections;
using TmuxAgent.Tests.Metrics;
using static TmuxAgent.Host.Metrics.MetricNames;

namespace TmuxAgent.Tests.Agents;

/// <summary>Stuck verdicts in Prometheus: the gauge follows the last check, the counter counts stuck verdicts, both survive a restart.</summary>
public class StuckMetricsTests
{
    private static StuckChecked Check(string branch, bool stuck, int minute) =>
        new("chk-" + minute, stuck, stuck ? "error on screen" : "working", null, [], stuck)
            { Branch = branch, At = BranchEventBuilder.T0.AddMinutes(minute) };

    [Test]
    public async Task The_gauge_follows_the_last_check_and_the_counter_counts_stuck_verdicts_across_a_restart()
    {
        await using var h = await MetricsHarness.StartAsync();
        await h.FeedAsync(Check("weather/bot", true, 1), Check("weather/bot", true, 2), Check("storyapp/api", false, 2));

        var x = await h.ScrapeAsync();
        x.Value(AgentStuck, ("branch", "weather/bot")).Should().Be(1);
        x.Value(AgentStuck, ("branch", "storyapp/api")).Should().Be(0);
        x.Value(AgentStuckTotal, ("branch", "weather/bot")).Should().Be(2);

        await h.FeedAsync(Check("weather/bot", false, 3));
        (await h.ScrapeAsync()).Value(AgentStuck, ("branch", "weather/bot")).Should().Be(0);

        await using var restarted = await MetricsHarness.StartAsync(h.Store);
        restarted.Metrics.Restore(await BranchBoard.LoadAsync(restarted.Store));
        var y = await restarted.ScrapeAsync();
        y.Value(AgentStuck, ("branch", "weather/bot")).Should().Be(0);
        y.Value(AgentStuckTotal, ("branch", "weather/bot")).Should().Be(2);
    }
}
