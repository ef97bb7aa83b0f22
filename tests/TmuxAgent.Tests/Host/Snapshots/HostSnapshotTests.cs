using System.Text;
using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;
using TmuxAgent.Core.Projections;
using TmuxAgent.Core.Projections.Snapshots;
using TmuxAgent.Core.Store;
using TmuxAgent.Core.Store.Snapshots;
using TmuxAgent.Core.Store.Sqlite;
using TmuxAgent.Config;
using TmuxAgent.Host;
using TmuxAgent.Host.Snapshots;
using TmuxAgent.Host.Store;
using TmuxAgent.Tests.Host.Loop;
using TmuxAgent.Tests.Projections.Snapshots;
using TmuxAgent.Tests.Reliability;

namespace TmuxAgent.Tests.Host.Snapshots;

/// <summary>The host starts from its board snapshot and the tail after it, and never trusts a snapshot of another
/// shape or a damaged one: real SQLite files, a real tmux server on a private socket.</summary>
[Category("sqlite")]
[Category("tmux")]
public class HostSnapshotTests
{
    private LoopHarness _h = null!;
    private ListLogger _log = null!;
    private string DbPath => _h.Dir["state/events.db"];

    [SetUp]
    public void SetUp()
    {
        _h = new LoopHarness();
        _h.Store = new CheckedSqliteStore(SqliteEventStore.Open(DbPath));
    }

    [TearDown]
    public void TearDown()
    {
        (_h.Store as IDisposable)?.Dispose();
        _h.Dispose();
    }

    private OrchestratorConfig Config() => _h.Config(LoopHarness.Task("snap/busy") + LoopHarness.Task("snap/risky"));

    private async Task<OrchestratorLoop> StartAsync()
    {
        _log = new ListLogger();
        var settings = new LoopSettings(Config(), _h.Agent, false, _h.AuditPath, _h.Dir["state/localbus-offsets.json"],
            new ScriptedSource(c => c.State.Branch == "snap/busy"
                ? new Decision("q", [CommandSpec.Of($"echo queued-{c.State.Counters.Decisions}")])
                : new Decision("p", [CommandSpec.Of($"echo risky-{c.State.Counters.Decisions}", "critical")])));
        var loop = new OrchestratorLoop(settings, _h.Store, [], _h.Inbox, _log);
        await loop.LoadAsync();
        return loop;
    }

    /// <summary>The board folded from event 1 by a fresh reader, as JSON.</summary>
    private async Task<string> FullRebuildAsync()
    {
        using var fresh = SqliteEventStore.Open(DbPath);
        return BoardJson.Of(await BranchBoard.LoadAsync(fresh));
    }

    private async Task<OrchestratorLoop> RunStopAsync(int cycles)
    {
        _h.Tmux.NewSession("agent-snap-busy", "sleep 600");
        _h.Tmux.NewSession("agent-snap-risky");
        var loop = await StartAsync();
        for (var i = 0; i < cycles; i++) await loop.RunCycleAsync(CancellationToken.None);
        await loop.StopAsync();
        return loop;
    }

    [Test]
    public async Task Given_a_clean_stop_and_appends_after_it_when_the_host_restarts_then_its_board_is_the_snapshot_plus_the_tail_and_equals_a_full_rebuild()
    {
        var first = await RunStopAsync(cycles: 3);
        var snapshot = await _h.Store.LoadSnapshotAsync(HostSnapshot.Name);
        snapshot.Should().NotBeNull("a clean stop writes the snapshot");
        snapshot!.Shape.Should().Be(HostSnapshot.Shape);
        // another writer appends after the snapshot: the tail the restart must fold
        var repository = new BranchRepository(_h.Store);
        var risky = await repository.LoadAsync("snap/risky");
        await repository.AppendAsync(risky, [new DecisionRequested("dec-tail") { Branch = "snap/risky", At = DateTimeOffset.UtcNow }]);

        var restarted = await StartAsync();

        _log.Infos.Should().Contain(m => m.Contains($"after the snapshot at {snapshot.Position}") && m.Contains("(1 events folded"),
            "the restart reads the snapshot and only the one event after it");
        BoardJson.Of(restarted.Board).Should().Be(await FullRebuildAsync());
        restarted.Board["snap/risky"].OpenDecisionId.Should().Be("dec-tail");
        restarted.Board["snap/busy"].Queue.Should().NotBeEmpty();
        restarted.Board["snap/risky"].Pending.Should().NotBeEmpty();
        first.Board["snap/busy"].Counters.Should().BeEquivalentTo(restarted.Board["snap/busy"].Counters, "the metrics' counters come back with the board");
        await restarted.RunCycleAsync(CancellationToken.None);
        BoardJson.Of(restarted.Board).Should().Be(await FullRebuildAsync(), "the next cycle carries on from the restored board");
    }

    [Test]
    public async Task Given_a_snapshot_of_another_shape_when_the_host_starts_then_it_is_ignored_and_the_board_is_folded_from_the_events()
    {
        await RunStopAsync(cycles: 2);
        await PlantAsync(s => s with { Shape = "state-0+host-1", Data = EmptyBoardAt(s.Position) });

        var restarted = await StartAsync();

        _log.Warnings.Should().Contain(m => m.Contains("written for shape state-0+host-1") && m.Contains($"this build folds {HostSnapshot.Shape}"));
        BoardJson.Of(restarted.Board).Should().Be(await FullRebuildAsync());
        restarted.Board["snap/busy"].Queue.Should().NotBeEmpty("the empty board the old snapshot holds was not trusted");
    }

    [TestCase("flipped byte", "checksum mismatch")]
    [TestCase("truncated", "only 5 bytes")]
    [TestCase("not JSON", "unreadable JSON")]
    [TestCase("ahead of the store", "ahead of the store")]
    public async Task Given_a_damaged_snapshot_when_the_host_starts_then_it_is_ignored_with_the_reason_logged_and_the_board_is_folded_from_the_events(
        string damage, string logged)
    {
        await RunStopAsync(cycles: 2);
        await PlantAsync(s => damage switch
        {
            "flipped byte" => s with { Data = Flip(s.Data, s.Data.Length / 2) },
            "truncated" => s with { Data = s.Data[..5] },
            "not JSON" => s with { Data = Encoded("{ not json") },
            _ => s with { Position = s.Position + 1000, Data = EmptyBoardAt(s.Position + 1000) },
        });

        var restarted = await StartAsync();

        _log.Warnings.Should().Contain(m => m.Contains($"snapshot {HostSnapshot.Name}") && m.Contains(logged));
        BoardJson.Of(restarted.Board).Should().Be(await FullRebuildAsync());
        restarted.Board["snap/risky"].Pending.Should().NotBeEmpty();
    }

    private async Task PlantAsync(Func<StoredSnapshot, StoredSnapshot> change) =>
        await _h.Store.SaveSnapshotAsync(change((await _h.Store.LoadSnapshotAsync(HostSnapshot.Name))!));

    /// <summary>A well-formed snapshot of an empty board: trusted, it would lose every branch.</summary>
    private static byte[] EmptyBoardAt(long position) =>
        SnapshotCodec.Encode(new HostSnapshotData(new BoardSnapshotData(position, []), []), HostSnapshotJsonContext.Default.HostSnapshotData);

    private static byte[] Encoded(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var data = new byte[32 + bytes.Length];
        System.Security.Cryptography.SHA256.HashData(bytes, data.AsSpan(0, 32));
        bytes.CopyTo(data, 32);
        return data;
    }

    private static byte[] Flip(byte[] data, int at)
    {
        var copy = data.ToArray();
        if (copy.Length > at) copy[at] ^= 0x20;
        return copy;
    }
}
