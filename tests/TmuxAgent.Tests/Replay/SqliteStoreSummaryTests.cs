using TmuxAgent.Core.Store.Sqlite;
using TmuxAgent.Replay.Sources;
using TmuxAgent.Tests.Audit;

namespace TmuxAgent.Tests.Replay;

/// <summary><c>replay --store</c> on a real SQLite file (the byte-level page reader and the store's input adapter into
/// the Core projection) prints what the same run's audit mirror gives, for every window and output.</summary>
[Category("sqlite"), NonParallelizable]
public class SqliteStoreSummaryTests
{
    private TempDir _dir = null!;
    private Func<string, TmuxAgent.Core.Store.IEventReader> _open = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = new TempDir();
        _open = ReplayStore.Open;
    }

    [TearDown]
    public void TearDown()
    {
        ReplayStore.Open = _open;
        _dir.Dispose();
    }

    [TestCase]
    [TestCase("--json")]
    [TestCase("--limit", "3")]
    [TestCase("--limit", "5", "--branch", "a/x", "--json")]
    [TestCase("--branch", "b/none")]
    [TestCase("--since", "1763900001.5")]
    public async Task The_store_and_its_mirror_give_the_same_summary(params string[] args)
    {
        var db = _dir.File("events.db");
        var log = _dir.File("orchestrator-actions.jsonl");
        using (await RecordedRun.RecordAsync(log, SqliteEventStore.Open(db))) { }

        var fromStore = await ReplayCli.Run(["--store", db, .. args]);
        var fromLog = await ReplayCli.Run(["--log", db, .. args]);
        var fromMirror = await ReplayCli.Run(["--log", log, .. args]);

        fromStore.ExitCode.Should().Be(0, fromStore.Stderr);
        fromStore.Stdout.Should().NotBeEmpty();
        // The printed source name is the only difference (and the mirror's line numbers, which a store has none of).
        Normal(fromStore.Stdout, db).Should().Be(Normal(fromMirror.Stdout, log));
        fromLog.Should().NotBe(fromStore, "the store was read as a store, not as a file of lines");
    }

    private static string Normal(string output, string source) =>
        string.Join('\n', output.Replace(source, "SOURCE").Split('\n').Where(l => !l.StartsWith("Skipped lines", StringComparison.Ordinal)
            && !l.Contains("\"skipped\"", StringComparison.Ordinal) && !l.Contains("from_end", StringComparison.Ordinal)));
}
