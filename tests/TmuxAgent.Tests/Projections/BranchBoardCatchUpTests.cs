using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;
using TmuxAgent.Core.Projections;
using TmuxAgent.Core.Store;

namespace TmuxAgent.Tests.Projections;

/// <summary>A host sets its own appends into the board and later reads the all-stream to catch up with other writers:
/// its own events must not be folded twice, the others' must be folded once.</summary>
public class BranchBoardCatchUpTests
{
    private static readonly DateTimeOffset At = new(2025, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static IReadOnlyList<BranchEvent> Queued(string branch, params string[] ids) =>
        ids.Select(id => (BranchEvent)new CommandQueued(id, "agent-x", CommandSpec.Of("echo " + id), QueueReasons.PaneBusy) { Branch = branch, At = At }).ToList();

    [Test]
    public async Task Events_the_host_appended_and_set_are_skipped_when_the_all_stream_is_read_and_the_position_still_advances()
    {
        var store = new InMemoryEventStore();
        var repository = new BranchRepository(store);
        var board = await BranchBoard.LoadAsync(store);

        // this host appends and sets the result, as the loop does
        var mine = await repository.AppendAsync(board.Loaded("feature/a"), Queued("feature/a", "q1", "q2"));
        board.Set(mine);
        // another host appends to the same branch and to another one
        var theirs = await new BranchRepository(store).LoadAsync("feature/a");
        await new BranchRepository(store).AppendAsync(theirs, Queued("feature/a", "q3"));
        await new BranchRepository(store).AppendAsync(LoadedBranch.New("feature/b"), Queued("feature/b", "q4"));

        await board.CatchUpAsync(store);

        board["feature/a"].Queue.Select(q => q.CommandId).Should().Equal("q1", "q2", "q3");
        board.VersionOf("feature/a").Should().Be(ExpectedVersion.Exactly(2), "the version read from the stream, its own appends and the others' alike");
        board["feature/b"].Queue.Select(q => q.CommandId).Should().Equal("q4");
        board.Position.Should().Be(4, "the position moves past the skipped events too");
        var fresh = await BranchBoard.LoadAsync(store);
        board["feature/a"].Should().BeEquivalentTo(fresh["feature/a"]);
    }

    [Test]
    public async Task Apply_tells_whether_a_stored_event_was_folded()
    {
        var store = new InMemoryEventStore();
        var state = await new BranchRepository(store).AppendAsync(LoadedBranch.New("feature/a"), Queued("feature/a", "q1"));
        var stored = (await store.ReadAllAsync(0, 10)).Single();

        var board = new BranchBoard();
        board.Apply(stored).Should().BeTrue();
        board.Apply(stored).Should().BeFalse("the same stored event is not folded again");
        board["feature/a"].Should().BeEquivalentTo(state.State);
    }
}
