using TmuxAgent.Tests.Audit;

namespace TmuxAgent.Tests.Replay;

/// <summary>The original replay's "Last summary" line: the top-level <c>summary</c> of the last <c>summary</c> event,
/// printed after "Last command" when truthy.</summary>
public class LastSummaryTests
{
    private static readonly string[] Log =
    [
        """{"ts": 1763900001.5, "branch": "weather/bot", "event": "queued", "payload": {"session": "s", "text": "npm test", "enter": true, "meta": {"queue_id": "q1"}}}""",
        """{"ts": 1763900002.0, "branch": "weather/bot", "event": "summary", "summary": "first summary"}""",
        """{"ts": 1763900003.0, "branch": "weather/bot", "event": "command", "payload": {"session": "s", "text": "npm test", "enter": true, "meta": {"queue_id": "q1"}}, "queued": true}""",
        """{"ts": 1763900004.0, "branch": "storyapp/api", "event": "summary", "summary": "api: 3 tests fixed, \"auth\" next"}""",
        """{"ts": 1763900005.0, "branch": "weather/bot", "event": "summary", "summary": "bot: 修复完成, waiting for review", "seq": 9, "id": "ev-9"}""",
        "",
    ];

    private static async Task<string[]> Replay(params string[] extra)
    {
        using var dir = new TempDir();
        var log = Path.Combine(dir.Path, "audit.jsonl");
        await File.WriteAllLinesAsync(log, Log);
        var (exit, stdout, stderr) = await ReplayCli.Run(["--log", log, .. extra]);
        exit.Should().Be(0, stderr);
        return stdout.Split('\n');
    }

    [Test]
    public async Task The_last_summary_is_printed_after_the_last_command()
    {
        var lines = await Replay();
        lines.Should().ContainInOrder("Last command: npm test", "Last summary: bot: 修复完成, waiting for review", "Max queue depth: 1");
        lines.Should().Contain("  summary: 3");
    }

    [Test]
    public async Task The_branch_filter_picks_that_branch_s_last_summary()
    {
        var lines = await Replay("--branch", "storyapp/api");
        lines.Should().Contain("Last summary: api: 3 tests fixed, \"auth\" next");
        lines.Should().NotContain(l => l.StartsWith("Last command"));
    }

    [Test]
    public async Task The_limit_reads_the_tail_and_json_carries_it()
    {
        (await Replay("--limit", "2")).Should().Contain("Last summary: bot: 修复完成, waiting for review");
        string.Join('\n', await Replay("--json")).Should().Contain("\"last_summary\": \"bot: 修复完成, waiting for review\"");
    }

    [TestCase("""{"ts": 2, "event": "summary"}""")]
    [TestCase("""{"ts": 2, "event": "summary", "summary": ""}""")]
    [TestCase("""{"ts": 2, "event": "summary", "summary": null}""")]
    public async Task A_last_summary_event_without_a_text_prints_no_line_as_in_the_original(string last)
    {
        using var dir = new TempDir();
        var log = Path.Combine(dir.Path, "audit.jsonl");
        await File.WriteAllLinesAsync(log, ["""{"ts": 1, "event": "summary", "summary": "older"}""", last]);
        var (_, stdout, _) = await ReplayCli.Run("--log", log);
        stdout.Should().NotContain("Last summary");
    }
}
