using TmuxAgent.Core.Agents;
using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Projections;
using TmuxAgent.Core.Store;
using TmuxAgent.Core.Store.Compaction;
using TmuxAgent.Core.Store.Sqlite;

namespace TmuxAgent.Tests.Store.Compaction;

/// <summary>Compaction on a real SQLite file while another connection appends, and a board that had not read what a
/// compaction removed.</summary>
[Category("sqlite")]
public class CompactionWhileWritingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private string _dir = "";
    private string DbPath => Path.Combine(_dir, "events.db");

    [SetUp] public void SetUp() => _dir = Directory.CreateTempSubdirectory("tmuxagent-compact-").FullName;
    [TearDown] public void TearDown() => Directory.Delete(_dir, recursive: true);

    /// <summary>A fact whose effect on the state depends on <paramref name="i"/> (summaries are kept, the decision id changes).</summary>
    private static BranchEvent Fact(string branch, int i) => i % 3 == 0
        ? new SummaryRecorded($"summary {i}") { Branch = branch, At = T0.AddSeconds(i) }
        : new DecisionRequested($"dec-{branch}-{i}") { Branch = branch, At = T0.AddSeconds(i) };

    [Test]
    public async Task A_writer_appending_during_repeated_compactions_never_conflicts_and_every_branch_folds_to_the_writers_state()
    {
        string[] branches = ["w/a", "w/b", "w/c"];
        using var writerStore = SqliteEventStore.Open(DbPath);
        using var compactorStore = SqliteEventStore.Open(DbPath);
        var written = new List<string>();
        var ids = 0;
        var writer = new BranchRepository(writerStore, () => { var id = $"ev-{Interlocked.Increment(ref ids)}"; lock (written) written.Add(id); return id; });
        var live = branches.ToDictionary(b => b, LoadedBranch.New);
        var archived = new List<StoredEvent>();
        using var writing = new CancellationTokenSource();

        // the writer goes on (at least 900 rounds) until three compactions that archived something have ended, so a busy
        // machine cannot let it finish before the compactor starts
        var compactionsThatCut = 0;
        var writes = Task.Run(async () =>
        {
            for (var i = 0; i < 900 || (Volatile.Read(ref compactionsThatCut) < 3 && i < 100_000); i++)
                foreach (var b in branches) live[b] = await writer.AppendAsync(live[b], [Fact(b, i)]);
        });
        var compactions = Task.Run(async () =>
        {
            for (var k = 1; !writes.IsCompleted; k++)
            {
                var before = archived.Count;
                var plan = await StoreCompactor.PlanAsync(compactorStore, T0.AddSeconds(50 * k), T0,
                    e => { archived.Add(e); return ValueTask.CompletedTask; });
                await compactorStore.CompactAsync(plan.Cuts);
                if (archived.Count > before) Interlocked.Increment(ref compactionsThatCut);
                else k--;   // nothing old enough yet: the same cutoff again
            }
        });
        await Task.WhenAll(writes, compactions);

        var left = await compactorStore.ReadAllAsync(0, int.MaxValue);
        archived.Should().NotBeEmpty("compactions ran while the writer appended");
        archived.Concat(left).Select(e => e.EventId).Should().BeEquivalentTo(written, "every event written is archived once or kept");
        left.Select(e => e.Position).Should().BeInAscendingOrder();
        var reader = new BranchRepository(SqliteEventStore.Open(DbPath));
        foreach (var b in branches)
        {
            var loaded = await reader.LoadAsync(b);
            loaded.Version.Should().Be(live[b].Version);
            loaded.State.Should().BeEquivalentTo(live[b].State, o => o.ComparingRecordsByMembers());
        }
    }

    [Test]
    public async Task A_board_that_had_not_read_what_a_compaction_removed_reloads_those_branches_at_its_next_catch_up()
    {
        using var store = SqliteEventStore.Open(DbPath);
        var repository = new BranchRepository(store);
        var a = await repository.AppendAsync(LoadedBranch.New("r/a"), [Fact("r/a", 0)]);
        var board = await BranchBoard.LoadAsync(store);
        // another host appends to r/a (and r/b, the store's last event), then everything old is compacted
        a = await repository.AppendAsync(a, [Fact("r/a", 1), Fact("r/a", 2)]);
        await repository.AppendAsync(LoadedBranch.New("r/b"), [Fact("r/b", 3)]);
        await store.CompactAsync((await StoreCompactor.PlanAsync(store, T0.AddDays(1), T0)).Cuts);
        (await store.ReadStreamAsync(StreamName.ForBranch("r/a"))).Should().BeEmpty("r/a lost every event, also those the board never read");

        await board.CatchUpAsync(store);

        board.VersionOf("r/a").Should().Be(a.Version);
        board["r/a"].Should().BeEquivalentTo(a.State, o => o.ComparingRecordsByMembers());
        board["r/b"].OpenDecisionId.Should().BeNull("r/b's only event (a summary) is the store's last, kept and folded");
        board["r/b"].Summaries.Should().ContainSingle();
    }
}
