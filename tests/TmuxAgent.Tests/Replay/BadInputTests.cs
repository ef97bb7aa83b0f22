using System.Text;
using System.Text.Json;
using TmuxAgent.Tests.Audit;

namespace TmuxAgent.Tests.Replay;

/// <summary>The replay never stops on bad input: every bad line is skipped, counted and located, the rest summarised, exit 0.</summary>
public class BadInputTests
{
    private TempDir _dir = null!;
    private string _log = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = new TempDir();
        _log = _dir.File("bad.jsonl");
    }

    [TearDown] public void TearDown() => _dir.Dispose();

    private static string Event(double ts, string evt, string branch = "a/x", string extra = "") =>
        $"{{\"ts\": {ts.ToString(System.Globalization.CultureInfo.InvariantCulture)}, \"branch\": \"{branch}\", \"event\": \"{evt}\"{extra}}}\n";

    private void WriteLog(params object[] parts)
    {
        using var f = File.Create(_log);
        foreach (var p in parts)
            f.Write(p is byte[] b ? b : Encoding.UTF8.GetBytes((string)p));
    }

    [Test]
    public async Task Every_kind_of_bad_line_is_skipped_reported_and_the_rest_summarised()
    {
        WriteLog(
            Event(100, "queued", extra: ", \"payload\": {\"text\": \"npm test\", \"meta\": {\"queue_id\": \"q1\"}}"), // 1
            "[1, 2, 3]\n",                                                        // 2 not an object
            "\"just a string\"\n",                                                // 3 not an object
            Encoding.UTF8.GetBytes("{\"ts\": 1, \"event\": \"x\u0000\"}\n"),      // 4 NUL
            new byte[] { (byte)'{', 0xC3, 0x28, (byte)'}', (byte)'\n' },           // 5 invalid UTF-8
            "{\"ts\": \"yesterday\", \"event\": \"command\"}\n",                  // 6 non-numeric ts
            new string('[', 5000) + new string(']', 5000) + "\n",                 // 7 deep nesting
            "{\"event\": \"command\", \"payload\": {\"text\": \"" + new string('x', 20 << 20) + "\"}}\n", // 8 a 20 MB line
            "\n",                                                                 // 9 blank
            Event(160, "command", extra: ", \"queued\": true, \"payload\": {\"text\": \"npm test\", \"meta\": {\"queue_id\": \"q1\"}}"), // 10
            "{\"ts\": 170, \"branch\": \"a/x\", \"ev");                           // 11 torn

        var (exit, stdout, stderr) = await ReplayCli.Run("--log", _log, "--show-skipped");

        exit.Should().Be(0, stderr);
        var lines = stdout.Split('\n');
        lines[0].Should().Be($"Replayed 2 events from {_log}");
        stdout.Should().Contain("Duration: 60.00s").And.Contain("Last command: npm test").And.Contain("Max queue depth: 1");
        stdout.Should().Contain("Skipped lines: 9 (blank line: 1, invalid UTF-8: 1, not JSON: 1, not a JSON object: 2, ts is not a number: 1, line too long: 1, nested too deeply: 1, torn last line: 1)");
        foreach (var n in new[] { 2, 3, 4, 5, 6, 7, 8, 9, 11 }) stdout.Should().Contain($"  line {n}: ");
        stdout.Should().Contain("  line 4: not JSON (contains NUL bytes)");
        stdout.Should().Contain("Outstanding at end: none");
    }

    [Test]
    public async Task A_missing_or_zero_ts_counts_the_event_but_not_in_the_time_span_and_a_decimal_string_counts()
    {
        WriteLog(Event(0, "command"), "{\"branch\": \"a/x\"}\n", "{\"ts\": \"100.5\", \"event\": \"queued\"}\n", Event(110.5, "command"));

        var (exit, stdout, _) = await ReplayCli.Run("--log", _log, "--json");

        exit.Should().Be(0);
        var json = JsonDocument.Parse(stdout).RootElement;
        json.GetProperty("events").GetInt64().Should().Be(4);
        json.GetProperty("event_counts").GetProperty("unknown").GetInt64().Should().Be(1);
        json.GetProperty("start_ts").GetDouble().Should().Be(100.5);
        json.GetProperty("end_ts").GetDouble().Should().Be(110.5);
        json.GetProperty("duration_seconds").GetDouble().Should().Be(10);
    }

    [Test]
    public async Task No_events_prints_the_original_message_for_the_branch_or_all_branches()
    {
        WriteLog(Event(1, "command", "a/x"), "garbage\n");

        (await ReplayCli.Run("--log", _log, "--branch", "b/y")).Stdout.Should().StartWith($"No orchestrator events found for b/y in {_log}\n");
        var all = await ReplayCli.Run("--log", _dir.File("empty.jsonl"));
        all.ExitCode.Should().Be(0);
        all.Stdout.Should().StartWith($"No orchestrator events found for all branches in {_dir.File("empty.jsonl")}\n");
        all.Stderr.Should().Contain("does not exist");
    }

    [Test]
    public async Task Limit_keeps_the_last_N_parseable_events_then_the_branch_filter_applies()
    {
        WriteLog(Event(1, "command", "a/x"), Event(2, "command", "b/y"), "bad\n", Event(3, "queued", "a/x"), Event(4, "command", "b/y"), "\n");

        var (exit, stdout, _) = await ReplayCli.Run("--log", _log, "--limit", "3", "--branch", "a/x", "--json", "--show-skipped");

        exit.Should().Be(0);
        var json = JsonDocument.Parse(stdout).RootElement;
        json.GetProperty("events").GetInt64().Should().Be(1);
        json.GetProperty("event_counts").GetProperty("queued").GetInt64().Should().Be(1);
        var skipped = json.GetProperty("skipped");
        skipped.GetProperty("line_numbers_from_end").GetBoolean().Should().BeTrue();
        skipped.GetProperty("lines").EnumerateArray().Select(l => (l.GetProperty("line").GetInt64(), l.GetProperty("reason").GetString()))
            .Should().Equal((4L, "invalid_json"), (1L, "blank"));
    }

    [Test]
    public async Task Since_and_until_keep_a_time_window()
    {
        WriteLog(Event(100, "command"), Event(200, "queued"), Event(300, "command"), Event(400, "command"));

        var (exit, stdout, _) = await ReplayCli.Run("--log", _log, "--since", "200", "--until", "1970-01-01T00:05:00+00:00", "--json");

        exit.Should().Be(0);
        var json = JsonDocument.Parse(stdout).RootElement;
        json.GetProperty("events").GetInt64().Should().Be(1);
        json.GetProperty("start_ts").GetDouble().Should().Be(200);
    }

    [TestCase("--limit", "-1")]
    [TestCase("--since", "next tuesday")]
    [TestCase("--no-such-option", "x")]
    public async Task Bad_usage_exits_2_with_a_message(string option, string value)
    {
        WriteLog(Event(1, "command"));

        var (exit, _, stderr) = await ReplayCli.Run("--log", _log, option, value);

        exit.Should().Be(2);
        stderr.Should().StartWith("error: ");
    }

    [Test]
    public async Task Outstanding_work_follows_queue_ids_and_confirmations_by_text()
    {
        WriteLog(
            Event(1, "queued", extra: ", \"payload\": {\"text\": \"npm test\", \"meta\": {\"queue_id\": \"q1\"}}"),
            Event(2, "queued", extra: ", \"payload\": {\"text\": \"npm run build\", \"meta\": {\"queue_id\": \"q2\"}}"),
            Event(3, "command", extra: ", \"queued\": true, \"payload\": {\"text\": \"npm test\", \"meta\": {\"queue_id\": \"q1\"}}"),
            Event(4, "pending_confirmation", extra: ", \"payload\": {\"text\": \"git push\"}"),
            Event(5, "pending_confirmation", extra: ", \"payload\": {\"text\": \"rm -rf build\"}"),
            Event(6, "confirmation", extra: ", \"status\": \"denied\", \"command\": \"git push\""));

        var (_, stdout, _) = await ReplayCli.Run("--log", _log, "--json");

        var a = JsonDocument.Parse(stdout).RootElement.GetProperty("outstanding").GetProperty("a/x");
        a.GetProperty("queued").EnumerateArray().Select(c => c.GetProperty("text").GetString()).Should().Equal("npm run build");
        a.GetProperty("pending_confirmation").EnumerateArray().Select(c => c.GetProperty("text").GetString()).Should().Equal("rm -rf build");
    }
}
