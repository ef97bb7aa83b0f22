using CsCheck;
using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Projections;
using TmuxAgent.Core.Store;

namespace TmuxAgent.Tests.Store;

public abstract partial class EventStoreConformance
{
    [Test]
    public async Task Folding_branch_events_read_back_equals_the_live_fold()
    {
        var live = new Dictionary<string, BranchState>();
        var n = 0;

        await BranchScripts.Any.SampleAsync(async script =>
        {
            var branch = $"team/b{Interlocked.Increment(ref n)}-功能";
            var repository = new BranchRepository(Store);
            var written = LoadedBranch.New(branch);
            var index = 0;
            foreach (var (step, now) in script.Timeline())
            {
                var events = BranchDecider.Decide(written.State, step.Resolve(written.State, index++), script.Policy, now);
                written = await repository.AppendAsync(written, events);
            }
            var liveFold = written.State;

            var loaded = (await repository.LoadAsync(branch)).State;

            loaded.Should().BeEquivalentTo(liveFold, o => o.ComparingRecordsByMembers());
            lock (live) live[branch] = liveFold;
        }, iter: 40, threads: 1);

        var board = await BranchBoard.LoadAsync(SecondHandle());
        board.Branches.Keys.Should().BeEquivalentTo(live.Where(b => b.Value.LastEventAt is not null).Select(b => b.Key), "a script may produce no event at all");
        foreach (var (branch, state) in live)
            board[branch].Should().BeEquivalentTo(state, o => o.ComparingRecordsByMembers());
    }
}
