using System.Diagnostics;
using TmuxAgent.Core.Store.Sqlite;
using TmuxAgent.Tests.Audit;
using TmuxAgent.Tests.Support;

namespace TmuxAgent.Tests.Replay;

/// <summary>
/// The fast replay binary (Native AOT, <c>scripts/publish-replay.sh</c>) prints exactly what the dotnet build prints:
/// the shared samples, a real SQLite store, compare and rerun (the policy file is read through Tomlyn).
/// Publishes once per run (a few minutes; needs clang, installed by scripts/ensure-deps.sh); set
/// <c>TMUXAGENT_REPLAY_NATIVE</c> to an already published binary to skip that.
/// </summary>
[Category("aot"), Category("process"), Category("sqlite")]
[NonParallelizable]
public class NativeBinaryTests
{
    private TempDir _dir = null!;
    private string _native = null!;
    private static readonly string Samples = ReplayProcess.SamplesDir();

    [OneTimeSetUp]
    public void Publish()
    {
        _dir = new TempDir();
        _native = NativePublish.Binary("TMUXAGENT_REPLAY_NATIVE", "publish-replay.sh", _dir.File("native"), "tmux-agent-orchestrator-replay");
        File.Exists(_native).Should().BeTrue($"the native binary {_native} exists");
    }

    [OneTimeTearDown]
    public void TearDown() => _dir.Dispose();

    private void ShouldPrintTheSame(string workingDirectory, int exitCode, params string[] args)
    {
        var native = ReplayProcess.RunExecutable(_native, workingDirectory, args);
        var dotnet = ReplayProcess.Run(workingDirectory, args);

        native.ExitCode.Should().Be(exitCode, native.Stderr);
        dotnet.ExitCode.Should().Be(exitCode, dotnet.Stderr);
        (native.Stdout + native.Stderr).Should().NotBeEmpty();
        native.Stdout.Should().Be(dotnet.Stdout);
        native.Stderr.Should().Be(dotnet.Stderr);
    }

    [TestCase("--log", "original-audit.jsonl")]
    [TestCase("--log", "original-audit.jsonl", "--branch", "weather/bot", "--limit", "200")]
    [TestCase("--log", "original-audit.jsonl", "--show-skipped", "--json")]
    [TestCase("--log", "original-audit.jsonl", "--limit", "50", "--show-skipped")]
    [TestCase("--log", "original-audit.jsonl", "--since", "2025-11-23T13:00", "--until", "1763904000")]
    [TestCase("compare", "original-audit.jsonl", "original-audit.jsonl", "--limit", "500")]
    public void The_samples_print_the_same(params string[] args) => ShouldPrintTheSame(Samples, 0, args);

    [Test]
    public void The_original_lines_of_the_sample_come_first()
    {
        var expected = File.ReadAllLines(Path.Combine(Samples, "original-audit.replay.txt"));

        var (exit, stdout, _) = ReplayProcess.RunExecutable(_native, Samples, "--log", "original-audit.jsonl");

        exit.Should().Be(0);
        stdout.Split('\n').Take(expected.Length).Should().Equal(expected);
    }

    [Test]
    public async Task A_real_sqlite_store_prints_the_same_as_its_mirror()
    {
        var log = _dir.File("store-mirror.jsonl");
        var db = _dir.File("state.db");
        using (var store = SqliteEventStore.Open(db)) await RecordedRun.RecordAsync(log, store);

        var (exit, fromStore, stderr) = ReplayProcess.RunExecutable(_native, _dir.Path, "--store", db);
        var fromLog = ReplayProcess.RunExecutable(_native, _dir.Path, "--log", log).Stdout;

        exit.Should().Be(0, stderr);
        fromStore.Should().StartWith($"Replayed 7 events from {db}\n").And.Contain("Last command: npm test\n");
        fromStore.Split('\n').Skip(1).Should().Equal(fromLog.Split('\n').Skip(1));
        ShouldPrintTheSame(_dir.Path, 0, "--store", db, "--json");
        ShouldPrintTheSame(_dir.Path, 1, "rerun", "--orchestrator-config", Toml("strict.toml", "max_commands_per_cycle = 1\ndry_run = true\n"), "--store", db);
    }

    [Test]
    public void An_empty_store_file_is_migrated_and_has_no_events()
    {
        var db = _dir.File("empty.db");
        File.WriteAllBytes(db, []);

        var (exit, stdout, stderr) = ReplayProcess.RunExecutable(_native, _dir.Path, "--store", db);

        exit.Should().Be(0, stderr);
        stdout.Should().StartWith($"No orchestrator events found for all branches in {db}\n");
    }

    [Test]
    public async Task Rerun_and_its_policy_errors_print_the_same()
    {
        var log = _dir.File("rerun.jsonl");
        await RecordedRun.RecordAsync(log);

        ShouldPrintTheSame(_dir.Path, 1, "rerun", "--orchestrator-config", Toml("strict.toml", "max_commands_per_cycle = 1\ndry_run = true\n"), "--log", log);
        ShouldPrintTheSame(_dir.Path, 0, "rerun", "--orchestrator-config", Toml("same.toml", "poll_interval = 45\n"), "--log", log);
        ShouldPrintTheSame(_dir.Path, 2, "rerun", "--orchestrator-config", Toml("bad.toml", "poll_interval = 30\nmax_commands_per_cycle = \"two\"\n"), "--log", log);
    }

    [Test]
    public void Usage_errors_and_a_missing_store_exit_2()
    {
        ShouldPrintTheSame(_dir.Path, 2, "--store", _dir.File("missing.db"));
        var native = ReplayProcess.RunExecutable(_native, _dir.Path, "--limit", "many");
        native.ExitCode.Should().Be(2);
        native.Stderr.Should().Contain("many");
    }

    private string Toml(string name, string text)
    {
        var path = _dir.File(name);
        File.WriteAllText(path, text);
        return path;
    }
}
