using TmuxAgent.Replay.Sources;
using TmuxAgent.Tests.Audit;

namespace TmuxAgent.Tests.Replay;

[NonParallelizable]
public class StoreAndRerunTests
{
    private TempDir _dir = null!;
    private string _log = null!;
    private Func<string, TmuxAgent.Core.Store.IEventReader> _open = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = new TempDir();
        _log = _dir.File("orchestrator-actions.jsonl");
        _open = ReplayStore.Open;
    }

    [TearDown]
    public void TearDown()
    {
        ReplayStore.Open = _open;
        _dir.Dispose();
    }

    private string Toml(string text)
    {
        var path = _dir.File("new.toml");
        File.WriteAllText(path, text);
        return path;
    }

    [Test]
    public async Task A_store_and_its_mirror_give_the_same_summary()
    {
        var store = await RecordedRun.RecordAsync(_log);
        ReplayStore.Open = _ => store;

        var fromStore = await ReplayCli.Run("--store", "state.db");
        var fromLog = await ReplayCli.Run("--log", _log);

        fromStore.ExitCode.Should().Be(0, fromStore.Stderr);
        fromStore.Stdout.Should().StartWith("Replayed 7 events from state.db\n");
        fromStore.Stdout.Split('\n').Skip(1).Should().Equal(fromLog.Stdout.Split('\n').Skip(1));
        fromLog.Stdout.Should().Contain("  command: 1\n").And.Contain("  queued: 1\n").And.Contain("  pending_confirmation: 1\n")
            .And.Contain("  decision_received: 2\n").And.Contain("Last command: npm test\n");
        fromLog.Stdout.Should().Contain("  a/x: 1 queued, 1 pending confirmation\n");
    }

    [Test]
    public async Task A_store_s_last_summary_is_printed_as_its_mirror_s()
    {
        var store = await RecordedRun.RecordAsync(_log);
        var repo = new TmuxAgent.Core.Store.BranchRepository(store);
        var loaded = await repo.LoadAsync("a/x");
        await repo.AppendAsync(loaded, [new TmuxAgent.Core.Agents.SummaryRecorded("two tests fixed, \"auth\" next") { Branch = "a/x", At = RecordedRun.T0.AddSeconds(300) }]);
        await new TmuxAgent.Core.Audit.AuditMirror(_log, store).SyncAsync();
        ReplayStore.Open = _ => store;

        var fromStore = await ReplayCli.Run("--store", "state.db");
        var fromLog = await ReplayCli.Run("--log", _log);

        fromStore.Stdout.Should().Contain("Last summary: two tests fixed, \"auth\" next\n");
        fromStore.Stdout.Split('\n').Skip(1).Should().Equal(fromLog.Stdout.Split('\n').Skip(1));
    }

    [Test]
    public async Task Without_SQLite_support_store_is_a_usage_error()
    {
        var (exit, _, stderr) = await ReplayCli.Run("--store", _dir.File("missing.db"));

        exit.Should().Be(2);
        stderr.Should().Contain("missing.db");
    }

    [Test]
    public async Task Given_the_same_policy_when_rerun_then_no_decision_changes()
    {
        await RecordedRun.RecordAsync(_log);

        var (exit, stdout, stderr) = await ReplayCli.Run("rerun", "--orchestrator-config", Toml("poll_interval = 45\ncooldown_seconds = 120\n"), "--log", _log);

        exit.Should().Be(0, stderr);
        stdout.Should().Contain("Re-ran 2 decisions (3 commands) on 1 branches").And.Contain("No decision would change.");
    }

    [Test]
    public async Task Given_a_stricter_policy_when_rerun_then_each_changed_outcome_is_listed_and_exit_is_1()
    {
        await RecordedRun.RecordAsync(_log);

        var (exit, stdout, stderr) = await ReplayCli.Run("rerun", "--orchestrator-config", Toml("max_commands_per_cycle = 1\ndry_run = true\n"), "--log", _log);

        exit.Should().Be(1, stderr);
        stdout.Should().Contain("Changed outcomes: 2");
        stdout.Should().Contain("d1  npm test: dispatched -> dry-run");
        stdout.Should().Contain("d1  npm run build: queued (session_cooldown) -> dropped (max_commands_per_cycle)");
        stdout.Should().Contain("By new outcome: now dropped: 1, now dry-run: 1");
    }

    [Test]
    public async Task Rerun_applies_the_risk_policy_of_the_new_file()
    {
        await RecordedRun.RecordAsync(_log);

        var (exit, stdout, stderr) = await ReplayCli.Run("rerun", "--orchestrator-config", Toml("[risk]\nrequire_approval = [\"^npm test$\"]\n"), "--log", _log);

        exit.Should().Be(1, stderr);
        stdout.Should().Contain("d1  npm test: dispatched -> needs approval (policy: ^npm test$)");
    }

    [Test]
    public async Task Rerun_reads_the_store_as_well()
    {
        var store = await RecordedRun.RecordAsync(_log);
        ReplayStore.Open = _ => store;

        var (exit, stdout, _) = await ReplayCli.Run("rerun", "--orchestrator-config", Toml("dry_run = true"), "--store", "state.db");

        exit.Should().Be(1);
        stdout.Should().Contain("Changed outcomes: 1").And.Contain("d1  npm test: dispatched -> dry-run");
    }

    [Test]
    public async Task A_bad_policy_file_exits_2_naming_file_line_and_key()
    {
        var toml = Toml("poll_interval = 30\nmax_commands_per_cycle = \"two\"\n");

        var (exit, _, stderr) = await ReplayCli.Run("rerun", "--orchestrator-config", toml, "--log", _log);

        exit.Should().Be(2);
        stderr.Should().Be($"error: {toml}:2:26: max_commands_per_cycle: expected an integer, got \"two\"\n");
    }
}
