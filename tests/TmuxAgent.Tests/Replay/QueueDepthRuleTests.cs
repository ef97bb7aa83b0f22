using TmuxAgent.Tests.Audit;

namespace TmuxAgent.Tests.Replay;

/// <summary>
/// "Max queue depth" follows the original replay exactly on <c>--limit</c> windows (issue 18): a <c>command</c> whose
/// queue id is tracked drains the queue and the id is forgotten; any other <c>command</c> with a truthy top-level
/// <c>queued</c> drains it too, also when its queue id was never seen (the <c>queued</c> line lies before the window);
/// an empty queue id counts as none. Expected values come from the original's rule run over the same lines
/// (a Python transcription of it: see the issue and FORMATS.md).
/// </summary>
public class QueueDepthRuleTests
{
    private TempDir _dir = null!;

    [SetUp] public void SetUp() => _dir = new TempDir();
    [TearDown] public void TearDown() => _dir.Dispose();

    private static string Line(int ts, string? queueId, string evt = "queued", string? queued = null) =>
        $"{{\"ts\": {ts}, \"branch\": \"a/x\", \"event\": \"{evt}\", \"payload\": {{\"session\": \"s\", \"text\": \"t{ts}\", \"enter\": true, \"meta\": {{"
        + (queueId is null ? "" : $"\"queue_id\": \"{queueId}\"") + "}}" + (queued is null ? "" : $", \"queued\": {queued}") + "}";

    /// <summary>q0 is queued, then a and b; q0's command (queued: true) follows. A window that starts after q0's line
    /// still drains on the command.</summary>
    private static readonly string[] CutBetweenQueuedAndCommand =
        [Line(1, "q0"), Line(2, "a"), Line(3, "b"), Line(4, "q0", "command", "true"), Line(5, "c"), Line(6, "d")];

    /// <summary>q is drained once by its first command and then forgotten: its repeated command (without <c>queued</c>)
    /// drains nothing.</summary>
    private static readonly string[] RepeatedQueueId =
        [Line(1, "a"), Line(2, "b"), Line(3, "q"), Line(4, "q", "command"), Line(5, "q", "command"), Line(6, "c"), Line(7, "d")];

    /// <summary>An empty queue id is no queue id: its command drains by <c>queued</c> (1 drains, a missing flag does not).</summary>
    private static readonly string[] EmptyQueueId =
        [Line(1, "a"), Line(2, ""), Line(3, "", "command", "1"), Line(4, "", "command"), Line(5, "b")];

    private static IEnumerable<TestCaseData> Windows()
    {
        int[][] cut = [[1, 2, 2, 2, 3, 4]], repeated = [[1, 2, 2, 2, 2, 3, 4]], empty = [[1, 1, 1, 1, 2]];
        foreach (var (name, lines, expected) in new[] { ("cut", CutBetweenQueuedAndCommand, cut[0]), ("repeated", RepeatedQueueId, repeated[0]), ("empty", EmptyQueueId, empty[0]) })
            for (var limit = 1; limit <= lines.Length; limit++)
                yield return new TestCaseData(lines, limit, expected[limit - 1]).SetArgDisplayNames(name, $"--limit {limit}");
    }

    private string Log(string[] lines)
    {
        var path = _dir.File("log.jsonl");
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    private static string DepthLine(long depth) => depth == 0 ? "" : $"Max queue depth: {depth}";

    [TestCaseSource(nameof(Windows))]
    public async Task The_summary_prints_the_original_max_queue_depth(string[] lines, int limit, int expected)
    {
        var log = Log(lines);

        var (_, stdout, _) = await ReplayCli.Run("--log", log, "--limit", limit.ToString());
        var (_, branch, _) = await ReplayCli.Run("--log", log, "--branch", "a/x", "--limit", limit.ToString());

        foreach (var output in new[] { stdout, branch })
            if (expected == 0) output.Should().NotContain("Max queue depth");
            else output.Should().Contain(DepthLine(expected) + "\n");
    }

    [TestCaseSource(nameof(Windows))]
    public async Task Compare_uses_the_same_rule(string[] lines, int limit, int expected)
    {
        var log = Log(lines);

        var (exit, stdout, _) = await ReplayCli.Run("compare", log, log, "--limit", limit.ToString());

        exit.Should().Be(0);
        stdout.Should().Contain($", max queue depth {expected})");
    }

    [Test]
    public async Task The_whole_logs_differ_from_the_old_rule_where_ids_repeat()
    {
        // The old rule (never forget an id) gives 3 for the repeated id: the second command drained again.
        var (_, stdout, _) = await ReplayCli.Run("--log", Log(RepeatedQueueId));

        stdout.Should().Contain("Max queue depth: 4\n");
    }
}
