using TmuxAgent.Tests.Audit;

namespace TmuxAgent.Tests.Replay;

public class CompareTests
{
    private TempDir _dir = null!;

    [SetUp] public void SetUp() => _dir = new TempDir();
    [TearDown] public void TearDown() => _dir.Dispose();

    private static string Command(int ts, string branch, string text, string extra = "") =>
        $"{{\"ts\": {ts}, \"branch\": \"{branch}\", \"event\": \"command\", \"payload\": {{\"session\": \"s\", \"text\": \"{text}\", \"enter\": true}}{extra}}}";

    private string Log(string name, params string[] lines)
    {
        var path = _dir.File(name);
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    [Test]
    public async Task Identical_runs_match_and_exit_0()
    {
        var a = Log("a.jsonl", Command(1, "a/x", "npm test", ", \"dry_run\": true"), Command(2, "b/y", "ls"));
        var b = Log("b.jsonl", Command(5, "a/x", "npm test"), "garbage", Command(9, "b/y", "ls"));

        var (exit, stdout, _) = await ReplayCli.Run("compare", a, b);

        exit.Should().Be(0);
        stdout.Should().Contain("Branch a/x: same (1 commands, max queue depth 0)").And.Contain("The runs match.");
    }

    [Test]
    public async Task Differences_are_shown_side_by_side_per_branch_and_exit_1()
    {
        var a = Log("drill.jsonl",
            Command(1, "a/x", "npm test"), Command(2, "a/x", "npm run build"), Command(3, "a/x", "git status"),
            "{\"ts\": 4, \"branch\": \"a/x\", \"event\": \"pending_confirmation\", \"payload\": {\"text\": \"git push\"}}",
            "{\"ts\": 5, \"branch\": \"a/x\", \"event\": \"confirmation\", \"status\": \"approved\", \"command\": \"git push\"}",
            Command(6, "b/y", "ls"));
        var b = Log("prod.jsonl",
            Command(1, "a/x", "npm test"), Command(3, "a/x", "git status"), Command(4, "a/x", "rm -rf build"),
            "{\"ts\": 4, \"branch\": \"a/x\", \"event\": \"pending_confirmation\", \"payload\": {\"text\": \"git push\"}}",
            "{\"ts\": 5, \"branch\": \"a/x\", \"event\": \"confirmation\", \"status\": \"denied\", \"command\": \"git push\"}",
            Command(6, "b/y", "ls"));

        var (exit, stdout, _) = await ReplayCli.Run("compare", a, b);

        exit.Should().Be(1);
        stdout.Should().Contain("Branch a/x: differs");
        stdout.Should().Contain("only in A: npm run build").And.Contain("only in B: rm -rf build");
        stdout.Should().Contain("approved: A 1, B 0; denied: A 0, B 1");
        stdout.Should().Contain("Branch b/y: same");
        stdout.Should().Contain("1 of 2 branches differ.");
        var rows = stdout.Split('\n').Where(l => l.Contains(" | ")).Skip(1).Select(l => l.Trim()).ToList();
        rows.Should().HaveCount(4);
        rows[0].Should().StartWith("1 npm test");
        rows[1].Should().StartWith("≠   2 npm run build").And.EndWith("| -");
    }

    [Test]
    public async Task Branch_and_limit_narrow_the_comparison()
    {
        var a = Log("a.jsonl", Command(1, "a/x", "old"), Command(2, "a/x", "npm test"), Command(3, "b/y", "ls"));
        var b = Log("b.jsonl", Command(1, "a/x", "other"), Command(2, "a/x", "npm test"), Command(3, "b/y", "pwd"));

        (await ReplayCli.Run("compare", a, b, "--branch", "a/x", "--limit", "2")).ExitCode.Should().Be(0);
        (await ReplayCli.Run("compare", a, b, "--branch", "a/x")).ExitCode.Should().Be(1);
        (await ReplayCli.Run("compare", a, _dir.File("nope.jsonl"))).ExitCode.Should().Be(2);
    }
}
