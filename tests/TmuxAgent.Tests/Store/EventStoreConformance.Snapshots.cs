using System.Text;
using CsCheck;
using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Projections;
using TmuxAgent.Tests.Projections.Snapshots;
using TmuxAgent.Core.Store;
using TmuxAgent.Core.Store.Compaction;
using TmuxAgent.Core.Store.Snapshots;
using static TmuxAgent.Tests.Store.StoreEvents;

namespace TmuxAgent.Tests.Store;

public abstract partial class EventStoreConformance
{
    private static StoredSnapshot Snapshot(string name, long position, string data = "{\"x\":1}") =>
        new(name, "state-test", position, Encoding.UTF8.GetBytes(data), At);

    [Test]
    public async Task A_saved_snapshot_loads_back_with_every_field_intact()
    {
        var saved = Snapshot("host/board", 42) with { Data = [0, 1, 2, 255, 0, 7] };

        await Store.SaveSnapshotAsync(saved);

        var loaded = await SecondHandle().LoadSnapshotAsync("host/board");
        loaded.Should().NotBeNull();
        loaded!.Name.Should().Be("host/board");
        loaded.Shape.Should().Be("state-test");
        loaded.Position.Should().Be(42);
        loaded.Data.Should().Equal(0, 1, 2, 255, 0, 7);
        loaded.Taken.Should().Be(At);
        loaded.Taken.Offset.Should().Be(At.Offset);
    }

    [Test]
    public async Task Saving_a_snapshot_again_replaces_it_and_an_unknown_name_loads_as_null()
    {
        await Store.SaveSnapshotAsync(Snapshot("host/board", 1, "{\"old\":1}"));
        await Store.SaveSnapshotAsync(Snapshot("host/board", 9, "{\"new\":1}") with { Shape = "state-2" });

        var loaded = await Store.LoadSnapshotAsync("host/board");
        loaded!.Position.Should().Be(9);
        loaded.Shape.Should().Be("state-2");
        Encoding.UTF8.GetString(loaded.Data).Should().Be("{\"new\":1}");
        (await Store.LoadSnapshotAsync("host/other")).Should().BeNull();
    }

    [Test]
    public async Task Snapshots_load_by_name_prefix_in_name_order()
    {
        foreach (var name in new[] { "stream/branch-b", "host/board", "stream/branch-a", "stream%/x", "streams/y" })
            await Store.SaveSnapshotAsync(Snapshot(name, 1));

        (await Store.LoadSnapshotsAsync("stream/")).Select(s => s.Name).Should().Equal("stream/branch-a", "stream/branch-b");
        (await Store.LoadSnapshotsAsync("")).Should().HaveCount(5);
        (await Store.LoadSnapshotsAsync("nothing/")).Should().BeEmpty();
    }

    [Test]
    public async Task Compaction_leaves_every_branch_exactly_as_folded_before_and_archives_what_it_drops()
    {
        var n = 0;
        await Gen.Select(BranchScripts.Any, BranchScripts.Any, Gen.Int[0, 100]).SampleAsync(async (a, b, percent) =>
        {
            var id = Interlocked.Increment(ref n);
            foreach (var (branch, script) in new[] { ($"c{id}/a", a), ($"c{id}/b-功能", b) }) await WriteAsync(branch, script);
            var everything = await Store.ReadEverything();
            if (everything.Count == 0) return;
            var branches = everything.Select(e => e.Stream.Branch!).Distinct().ToList();
            var repository = new BranchRepository(Store);
            var folded = new Dictionary<string, LoadedBranch>();
            foreach (var branch in branches) folded[branch] = await repository.LoadAsync(branch);
            var board = BoardJson.Of(await BranchBoard.LoadAsync(Store));
            var times = everything.Select(e => e.Created).Order().ToList();
            var cutoff = times[percent * (times.Count - 1) / 100];

            var archived = new List<StoredEvent>();
            var plan = await StoreCompactor.PlanAsync(Store, cutoff, At, e => { archived.Add(e); return ValueTask.CompletedTask; });
            var result = await ((ICompactableStore)Store).CompactAsync(plan.Cuts);

            var left = await Store.ReadEverything();
            result.EventsDeleted.Should().Be(archived.Count).And.Be(plan.EventsDropped);
            archived.Select(e => e.Position).Should().BeInAscendingOrder("the archive is in global order");
            archived.Concat(left).Select(e => e.EventId).Should().BeEquivalentTo(everything.Select(e => e.EventId), "every event is archived or kept");
            archived.Where(e => e.Created >= cutoff).Should().BeEmpty();
            left[^1].Position.Should().Be(everything[^1].Position, "the store's last event is kept");
            foreach (var branch in branches)
            {
                var loaded = await new BranchRepository(SecondHandle()).LoadAsync(branch);
                loaded.Version.Should().Be(folded[branch].Version);
                loaded.State.Should().BeEquivalentTo(folded[branch].State, o => o.ComparingRecordsByMembers());
            }
            BoardJson.Of(await BranchBoard.LoadAsync(SecondHandle())).Should().Be(board);
        }, iter: 15, threads: 1);
    }

    [Test]
    public async Task After_compaction_appends_expect_the_same_versions_and_positions_go_on_increasing()
    {
        var old = At.AddDays(-10);
        await Store.AppendAsync(Stream("branch-a"), ExpectedVersion.NoStream, [Fact("a", 0, old), Fact("a", 1, old)]);
        await Store.AppendAsync(Stream("branch-b"), ExpectedVersion.NoStream, [Fact("b", 0, old), Fact("b", 1, At)]);
        var plan = await StoreCompactor.PlanAsync(Store, At.AddDays(-1), At);

        await ((ICompactableStore)Store).CompactAsync(plan.Cuts);

        plan.Cuts.Select(c => (c.Stream.Value, c.UpToVersion)).Should().BeEquivalentTo([("branch-a", 1L), ("branch-b", 0L)]);
        var next = await Store.AppendAsync(Stream("branch-a"), ExpectedVersion.Exactly(1), [Fact("a", 2, At)]);
        next.Should().Be(new AppendResult(2, 5));
        var act = () => Store.AppendAsync(Stream("branch-b"), ExpectedVersion.Exactly(0), [Fact("b", 9, At)]);
        await act.Should().ThrowAsync<WrongExpectedVersionException>("branch-b is still at version 1");
        (await Store.ReadStreamAsync(Stream("branch-a"))).Select(e => e.Version).Should().Equal(2);
        (await new BranchRepository(Store).LoadAsync("a")).Version.Should().Be(ExpectedVersion.Exactly(2));
    }

    [Test]
    public async Task Compaction_drops_the_all_stream_snapshots_that_hold_less_than_it_deleted()
    {
        var old = At.AddDays(-10);
        await Store.AppendAsync(Stream("branch-a"), ExpectedVersion.NoStream, [Fact("a", 0, old), Fact("a", 1, old), Fact("a", 2, At)]);
        await Store.SaveSnapshotAsync(Snapshot("host/behind", 1));
        await Store.SaveSnapshotAsync(Snapshot("host/ahead", 2));

        var result = await ((ICompactableStore)Store).CompactAsync((await StoreCompactor.PlanAsync(Store, At.AddDays(-1), At)).Cuts);

        result.Should().Be(new CompactionResult(2, 1));
        (await Store.LoadSnapshotsAsync("host/")).Select(s => s.Name).Should().Equal("host/ahead");
        (await Store.LoadSnapshotAsync("stream/branch-a"))!.Position.Should().Be(1);
    }

    private static NewStreamEvent Fact(string branch, int i, DateTimeOffset at) =>
        Core.Serialization.EventSerializer.ToNew(new DecisionRequested($"dec-{branch}-{i}") { Branch = branch, At = at }, $"{branch}-{i}-{Guid.NewGuid():N}");

    private async Task WriteAsync(string branch, BranchScript script)
    {
        var repository = new BranchRepository(Store);
        var written = await repository.LoadAsync(branch);
        var index = 0;
        foreach (var (step, now) in script.Timeline())
            written = await repository.AppendAsync(written, BranchDecider.Decide(written.State, step.Resolve(written.State, index++), script.Policy, now));
    }
}
