using System.Text.Json.Nodes;
using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;
using TmuxAgent.Tests.Host.Loop;
using TmuxAgent.Tests.Metrics;
using static TmuxAgent.Host.Metrics.MetricNames;

namespace TmuxAgent.Tests.Web.Dashboard;

/// <summary>The dashboard's header line and the cards' activity over real HTTP: the totals are the metrics' figures.</summary>
[Category("http")]
[Category("tmux")]
public class DashboardTotalsTests
{
    [Test]
    public async Task The_header_totals_match_the_queue_pending_and_heartbeat_metrics()
    {
        var tasks = DaemonHarness.Task("demo/risky") + DaemonHarness.Task("demo/busy");
        await using var h = await DaemonHarness.StartAsync(tasks, c => c.State.Branch == "demo/risky"
            ? new Decision("needs a human", [CommandSpec.Of("rm -rf build", "high"), CommandSpec.Of("rm -rf dist", "high")], RequiresConfirmation: true)
            : new Decision("build", [CommandSpec.Of("make all")]), "agent-demo-risky");
        h.Tmux.NewSession("agent-demo-busy", "sleep 600");   // busy: its command waits in the queue
        (await TmuxServer.WaitFor(() =>
        {
            var t = h.OrchestratorAsync().GetAwaiter().GetResult()["totals"]!;
            return (int)t["pending"]! == 2 && (int)t["queued"]! >= 1;
        }, 30)).Should().BeTrue();

        // the loop keeps cycling (heartbeats move): compare an answer with the metrics read just before and after it,
        // when both reads agree
        JsonNode? totals = null;
        Exposition? metrics = null;
        (await TmuxServer.WaitFor(() =>
        {
            var before = Exposition.ScrapeAsync(new Uri(h.DashboardUrl, "metrics")).GetAwaiter().GetResult();
            totals = h.OrchestratorAsync().GetAwaiter().GetResult()["totals"];
            metrics = Exposition.ScrapeAsync(new Uri(h.DashboardUrl, "metrics")).GetAwaiter().GetResult();
            return Figures(before) == Figures(metrics);
        }, 30)).Should().BeTrue("two scrapes in a row agree while nothing but heartbeats changes");

        var (queued, pending, heartbeat) = Figures(metrics!);
        ((int)totals!["queued"]!, (int)totals["pending"]!).Should().Be(((int)queued, (int)pending));
        ((double)totals["last_heartbeat"]!).Should().Be(heartbeat);
        pending.Should().Be(2);
    }

    private static (double Queued, double Pending, double Heartbeat) Figures(Exposition x) =>
        (x.Named(QueueSize).Sum(s => s.Value), x.Named(PendingConfirmation).Sum(s => s.Value), x.Named(HeartbeatTimestamp).Max(s => s.Value));

    [Test]
    public async Task A_card_counts_the_commands_of_the_current_hour_and_shows_the_last_exit_status()
    {
        var n = 0;
        await using var h = await DaemonHarness.StartAsync(DaemonHarness.Task("demo/api"),
            _ => new Decision("step", [CommandSpec.Of(++n == 1 ? "true" : "exit_with_7() { return 7; }; exit_with_7")]), "agent-demo-api");
        JsonNode? activity = null;
        (await TmuxServer.WaitFor(() =>
        {
            activity = h.BranchAsync("demo/api").GetAwaiter().GetResult()["activity"];
            return activity?["last_exit_status"] is { } s && (int)s == 7;
        }, 30)).Should().BeTrue(activity?.ToJsonString());

        var perHour = activity!["commands_per_hour"]!.AsArray().Select(v => (int)v!).ToList();
        ((int)activity["window_hours"]!).Should().Be(24);
        perHour.Should().HaveCount(24);
        perHour.TakeLast(2).Sum().Should().BeGreaterThanOrEqualTo(2, "the dispatches of this hour (and the last, at an hour boundary) are in the last buckets");
        var dispatched = (await h.EventsAsync("demo/api")).OfType<CommandDispatched>().Count();
        perHour.Sum().Should().BeLessThanOrEqualTo(dispatched).And.BeGreaterThanOrEqualTo(2);
    }
}
