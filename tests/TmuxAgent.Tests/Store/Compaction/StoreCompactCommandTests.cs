using TmuxAgent.Core.Audit;
using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;
using TmuxAgent.Core.Projections;
using TmuxAgent.Core.Store;
using TmuxAgent.Core.Store.Sqlite;
using TmuxAgent.Tests.Host.Cli;
using TmuxAgent.Host.Observers;
using TmuxAgent.Tests.Host.Loop;
using TmuxAgent.Tests.Projections.Snapshots;

namespace TmuxAgent.Tests.Store.Compaction;

/// <summary><c>store compact</c> on a real host's SQLite file while the host runs: every branch folds the same, the
/// archive holds exactly what was dropped, and the running host's next cycle and a restart carry on.</summary>
[Category("tmux"), Category("sqlite"), Category("process")]
public class StoreCompactCommandTests
{
    private LoopHarness _h = null!;
    private SqliteEventStore _store = null!;
    private string DbPath => _h.Dir["state/events.db"];

    [SetUp]
    public void SetUp()
    {
        _h = new LoopHarness();
        _store = SqliteEventStore.Open(DbPath);
        _h.Store = _store;
    }

    [TearDown]
    public void TearDown()
    {
        _store.Dispose();
        _h.Dispose();
    }

    private async Task<TmuxAgent.Host.OrchestratorLoop> RunningHostAsync()
    {
        _h.Tmux.NewSession("agent-cp-busy", "sleep 600");
        _h.Tmux.NewSession("agent-cp-risky");
        var config = _h.Config(LoopHarness.Task("cp/busy") + LoopHarness.Task("cp/risky"));
        var loop = await _h.StartAsync(config, new ScriptedSource(c => c.State.Branch == "cp/busy"
            ? new Decision("q", [CommandSpec.Of($"echo queued-{c.State.Counters.Decisions}")])
            : new Decision("p", [CommandSpec.Of($"echo risky-{c.State.Counters.Decisions}", "critical")])));
        for (var i = 0; i < 3; i++) await loop.RunCycleAsync(CancellationToken.None);
        return loop;
    }

    private async Task<Dictionary<string, LoadedBranch>> FoldEachStreamAsync()
    {
        using var fresh = SqliteEventStore.Open(DbPath);
        var repository = new BranchRepository(fresh);
        var result = new Dictionary<string, LoadedBranch>();
        foreach (var stream in await fresh.ListStreamsAsync()) result[stream.Branch!] = await repository.LoadAsync(stream.Branch!);
        return result;
    }

    private async Task<string> BoardJsonAsync()
    {
        using var fresh = SqliteEventStore.Open(DbPath);
        return BoardJson.Of(await BranchBoard.LoadAsync(fresh));
    }

    [Test]
    public async Task Given_a_running_host_when_its_store_is_compacted_then_every_branch_folds_the_same_the_archive_holds_what_was_dropped_and_the_host_carries_on()
    {
        var loop = await RunningHostAsync();
        var before = await FoldEachStreamAsync();
        var board = await BoardJsonAsync();
        var everything = await _store.ReadAllAsync(0, int.MaxValue);
        before["cp/busy"].State.Queue.Should().NotBeEmpty();
        before["cp/risky"].State.Pending.Should().NotBeEmpty();
        var archive = _h.Dir["archive/old.jsonl"];

        var (code, output, error) = HostProcess.Run(_h.Dir.Path, "store", "compact", "--before", DateTimeOffset.UtcNow.ToString("O"),
            "--store", DbPath, "--archive", archive);

        code.Should().Be(0, error);
        output.Should().Contain($"to {archive}");
        var left = await _store.ReadAllAsync(0, int.MaxValue);
        left.Should().ContainSingle("everything but the store's last event was before the cutoff");
        var lines = new AuditLogReader().ReadFile(archive).OfType<AuditLine>().ToList();
        lines.Select(l => l.Id).Should().Equal(everything.SkipLast(1).Select(e => e.EventId), "every dropped event, in order, as an audit line");
        lines.Select(l => AuditLineDecoder.TryDecode(l, out _)).Should().NotContainNulls("the archive decodes back to the events");
        output.Should().Contain($"archived {lines.Count} events of 2 branch stream(s)");
        var after = await FoldEachStreamAsync();
        after.Keys.Should().BeEquivalentTo(before.Keys);
        foreach (var (branch, loaded) in before)
        {
            after[branch].Version.Should().Be(loaded.Version);
            after[branch].State.Should().BeEquivalentTo(loaded.State, o => o.ComparingRecordsByMembers(), branch);
        }
        (await BoardJsonAsync()).Should().Be(board);

        // the running host's next cycle appends to a compacted stream, expecting the version it held
        var pending = loop.Board["cp/risky"].Pending[0];
        var approved = _h.Inbox.SubmitAsync(new ApprovalRequest("cp/risky", pending.CommandId, null, true, "bob", "portal", "ok"));
        await loop.RunCycleAsync(CancellationToken.None);
        (await approved).Should().Be(ApprovalResult.Applied);
        loop.StoreFaulted.Should().BeFalse();
        (await _store.ReadStreamAsync(StreamName.ForBranch("cp/risky"))).OfType<StoredEvent>().Select(e => e.EventType)
            .Should().Contain("confirmation_approved");
        (await _store.LastPositionAsync()).Should().BeGreaterThan(everything[^1].Position);
        var restarted = await _h.StartAsync(_h.Config(LoopHarness.Task("cp/busy") + LoopHarness.Task("cp/risky")), new ScriptedSource(_ => new Decision("n", [])));
        restarted.Board["cp/busy"].Should().BeEquivalentTo(loop.Board["cp/busy"], o => o.ComparingRecordsByMembers());
        restarted.Board["cp/risky"].Pending.Select(p => p.CommandId).Should().Equal(loop.Board["cp/risky"].Pending.Select(p => p.CommandId));
    }

    [Test]
    public async Task A_dry_run_says_what_it_would_drop_and_changes_nothing()
    {
        await RunningHostAsync();
        var count = (await _store.ReadAllAsync(0, int.MaxValue)).Count;

        var (code, output, error) = HostProcess.Run(_h.Dir.Path, "store", "compact", "--before", DateTimeOffset.UtcNow.ToString("O"),
            "--store", DbPath, "--dry-run");

        code.Should().Be(0, error);
        output.Should().Contain($"would archive {count - 1} events of 2 branch stream(s)").And.Contain("nothing changed")
            .And.Contain("branch-cp/busy: events up to version");
        (await _store.ReadAllAsync(0, int.MaxValue)).Should().HaveCount(count);
        Directory.Exists(_h.Dir["archive"]).Should().BeFalse();
        Directory.Exists(_h.Dir[".tmuxagent/archive"]).Should().BeFalse();
    }

    [TestCase("yesterday", "expected a date like 2026-01-31")]
    [TestCase("31/01/2026", "expected a date like 2026-01-31")]
    [TestCase("2999-01-01", "is in the future")]
    public void A_bad_date_is_refused_with_exit_2_naming_the_option_and_the_value(string date, string message)
    {
        var (code, _, error) = HostProcess.Run(_h.Dir.Path, "store", "compact", "--before", date, "--store", DbPath);

        code.Should().Be(2);
        error.Should().Contain("store compact: --before").And.Contain(message).And.Contain(date == "2999-01-01" ? "2999-01-01T00:00:00" : date);
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task A_symlink_planted_at_the_archive_path_is_never_followed_and_nothing_is_deleted(bool targetExists)
    {
        await RunningHostAsync();
        var count = (await _store.ReadAllAsync(0, int.MaxValue)).Count;
        var victim = _h.Dir["elsewhere/victim.txt"];
        Directory.CreateDirectory(Path.GetDirectoryName(victim)!);
        if (targetExists) await File.WriteAllTextAsync(victim, "precious");
        var planted = _h.Dir["archive.jsonl"];
        File.CreateSymbolicLink(planted, victim);

        var (code, _, error) = HostProcess.Run(_h.Dir.Path, "store", "compact", "--before", DateTimeOffset.UtcNow.ToString("O"),
            "--store", DbPath, "--archive", planted);

        code.Should().Be(2, "the archive must be a new file, never what a link points to");
        error.Should().Contain("--archive").And.Contain("archive.jsonl exists");
        if (targetExists) (await File.ReadAllTextAsync(victim)).Should().Be("precious");
        else File.Exists(victim).Should().BeFalse("a dangling link is not followed to create its target");
        (await _store.ReadAllAsync(0, int.MaxValue)).Should().HaveCount(count, "nothing is deleted without its archive");
    }

    [Test]
    public void Help_lists_the_options()
    {
        var (code, output, _) = HostProcess.Run(_h.Dir.Path, "store", "compact", "--help");

        code.Should().Be(0);
        output.Should().Contain("--before").And.Contain("--archive").And.Contain("--dry-run").And.Contain("--store");
    }

    [Test]
    public void A_missing_store_file_is_refused_and_not_created()
    {
        var (code, _, error) = HostProcess.Run(_h.Dir.Path, "store", "compact", "--before", "2020-01-01", "--store", _h.Dir["none.db"]);

        code.Should().Be(2);
        error.Should().Contain("none.db: no event store there");
        File.Exists(_h.Dir["none.db"]).Should().BeFalse();
    }
}
