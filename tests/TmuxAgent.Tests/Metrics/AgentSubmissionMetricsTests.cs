using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Projections;
using TmuxAgent.Core.Projections.Snapshots;
using TmuxAgent.Core.Store.Sqlite;
using TmuxAgent.Tests.Host;
using static TmuxAgent.Host.Metrics.MetricNames;

namespace TmuxAgent.Tests.Metrics;

/// <summary><c>orchestrator_agent_submissions_total</c> follows the folded counters: after a restart on the same SQLite
/// file, from the events or from the board snapshot, it carries on from where it was instead of starting at 0.</summary>
[Category("sqlite")]
public class AgentSubmissionMetricsTests
{
    private const string Weather = "weather/bot";

    private static BranchEvent[] Receipts()
    {
        var at = BranchEventBuilder.T0;
        return
        [
            new CommandDelivered("c1", "codex", SubmissionConfirmations.BusyLine, 1) { Branch = Weather, At = at.AddSeconds(1) },
            new CommandDelivered("c2", "codex", SubmissionConfirmations.BusyLine, 1) { Branch = Weather, At = at.AddSeconds(2) },
            new CommandNotSubmitted("c3", "codex", "box still full", Typed: true, 2) { Branch = Weather, At = at.AddSeconds(3) },
            new CommandNotSubmitted("c4", "claude", "busy", Typed: false, 0) { Branch = "storyapp/api", At = at.AddSeconds(4) },
        ];
    }

    [Test]
    public async Task Submissions_survive_a_restart_on_the_same_sqlite_file()
    {
        using var dir = new TempDir();
        var path = dir["state.db"];
        BoardSnapshotData snapshot;
        using (var store = SqliteEventStore.Open(path))
        {
            await using var live = await MetricsHarness.StartAsync(store);
            await live.FeedAsync(Receipts());
            AssertCounts(await live.ScrapeAsync());
            snapshot = (await BranchBoard.LoadAsync(store)).ToSnapshot();
        }

        using (var reopened = SqliteEventStore.Open(path))
        {
            await using var fromEvents = await MetricsHarness.StartAsync(reopened);
            fromEvents.Metrics.Restore(await BranchBoard.LoadAsync(reopened));
            AssertCounts(await fromEvents.ScrapeAsync());

            var encoded = SnapshotCodec.Encode(snapshot, SnapshotJsonContext.Default.BoardSnapshotData);
            SnapshotCodec.TryDecode(encoded, SnapshotJsonContext.Default.BoardSnapshotData, out var decoded, out var why).Should().BeTrue(why);
            await using var fromSnapshot = await MetricsHarness.StartAsync(reopened);
            fromSnapshot.Metrics.Restore(BranchBoard.FromSnapshot(decoded!));
            AssertCounts(await fromSnapshot.ScrapeAsync());

            await fromEvents.FeedAsync(new CommandDelivered("c5", "codex", SubmissionConfirmations.BusyLine, 1)
                { Branch = Weather, At = BranchEventBuilder.T0.AddSeconds(5) });
            (await fromEvents.ScrapeAsync()).Value(AgentSubmissions, ("branch", Weather), ("agent", "codex"), ("result", "busy_line"))
                .Should().Be(3, "new receipts count on top of the restored ones");
        }
    }

    [Test]
    public async Task A_branch_removed_from_the_plan_loses_its_submission_series()
    {
        await using var h = await MetricsHarness.StartAsync();
        await h.FeedAsync(Receipts());

        h.Metrics.ForgetBranch(Weather);

        var x = await h.ScrapeAsync();
        x.Named(AgentSubmissions).Should().ContainSingle().Which.Labels["branch"].Should().Be("storyapp/api");
    }

    private static void AssertCounts(Exposition x)
    {
        x.Value(AgentSubmissions, ("branch", Weather), ("agent", "codex"), ("result", "busy_line")).Should().Be(2);
        x.Value(AgentSubmissions, ("branch", Weather), ("agent", "codex"), ("result", "not_submitted")).Should().Be(1);
        x.Value(AgentSubmissions, ("branch", "storyapp/api"), ("agent", "claude"), ("result", "not_typed")).Should().Be(1);
        x.Named(AgentSubmissions).Should().HaveCount(3);
    }
}
