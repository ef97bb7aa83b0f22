using System.Globalization;
using System.Text;
using System.Text.Json;
using CsCheck;
using TmuxAgent.Core.Audit;
using TmuxAgent.Replay.Summary;
using TmuxAgent.Tests.Audit;

namespace TmuxAgent.Tests.Replay;

/// <summary>
/// A key given twice in one object: the original's <c>json.loads</c> keeps the last value (a later object replaces an
/// earlier one, it is not merged), so the replay does too — on the fast path and the slow path alike.
/// </summary>
public class DuplicateKeyTests
{
    private TempDir _dir = null!;
    private string _log = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = new TempDir();
        _log = _dir.File("dup.jsonl");
    }

    [TearDown] public void TearDown() => _dir.Dispose();

    // A member with an escape sends the whole line to the slow path; without it, the fast path reads it (or hands it on).
    private const string Escaped = ", \"note\": \"\\u0041\"";

    [TestCase("")]
    [TestCase(Escaped)]
    public async Task A_string_branch_followed_by_a_number_leaves_the_event_without_a_branch(string extra)
    {
        // json.loads: branch = 7, which names no branch (rec.get("branch") != "a/x"): counted, but not for --branch a/x.
        File.WriteAllText(_log, $"{{\"ts\": 1.0, \"branch\": \"a/x\", \"branch\": 7, \"event\": \"command\"{extra}}}\n");

        var all = await ReplayCli.Run("--log", _log, "--json");
        var forBranch = await ReplayCli.Run("--log", _log, "--branch", "a/x");

        JsonDocument.Parse(all.Stdout).RootElement.GetProperty("events").GetInt64().Should().Be(1);
        forBranch.Stdout.Should().StartWith($"No orchestrator events found for a/x in {_log}\n");
    }

    [TestCase("")]
    [TestCase(Escaped)]
    public async Task A_number_branch_followed_by_a_string_counts_for_the_string(string extra)
    {
        File.WriteAllText(_log, $"{{\"ts\": 1.0, \"branch\": 7, \"branch\": \"a/x\", \"event\": \"command\"{extra}}}\n");

        var (exit, stdout, _) = await ReplayCli.Run("--log", _log, "--branch", "a/x", "--json");

        exit.Should().Be(0);
        var json = JsonDocument.Parse(stdout).RootElement;
        json.GetProperty("events").GetInt64().Should().Be(1);
        json.GetProperty("event_counts").GetProperty("command").GetInt64().Should().Be(1);
    }

    [TestCase("")]
    [TestCase(Escaped)]
    public async Task The_last_ts_and_the_last_payload_decide(string extra)
    {
        File.WriteAllText(_log,
            $"{{\"ts\": \"yesterday\", \"ts\": 100, \"branch\": \"a/x\", \"event\": \"queued\", \"payload\": {{\"text\": \"npm test\", \"meta\": {{\"queue_id\": \"q1\"}}}}, \"payload\": {{\"text\": \"make\"}}{extra}}}\n" +
            $"{{\"ts\": 150, \"ts\": \"yesterday\", \"event\": \"command\"{extra}}}\n" +
            $"{{\"ts\": 200, \"branch\": \"a/x\", \"event\": \"command\", \"event\": \"queued\", \"payload\": {{\"meta\": {{\"queue_id\": \"q2\"}}, \"text\": \"npm test\", \"meta\": 5}}{extra}}}\n" +
            // q1 and q2 were replaced above (by a payload without meta, by 5): these commands drain nothing.
            $"{{\"ts\": 300, \"branch\": \"a/x\", \"event\": \"command\", \"payload\": {{\"text\": \"npm test\", \"meta\": {{\"queue_id\": \"q2\"}}}}{extra}}}\n" +
            $"{{\"ts\": 400, \"branch\": \"a/x\", \"event\": \"command\", \"payload\": {{\"text\": \"npm test\", \"meta\": {{\"queue_id\": \"q1\"}}}}{extra}}}\n");

        var (exit, stdout, _) = await ReplayCli.Run("--log", _log, "--json", "--show-skipped");

        exit.Should().Be(0);
        var json = JsonDocument.Parse(stdout).RootElement;
        json.GetProperty("events").GetInt64().Should().Be(4);
        json.GetProperty("event_counts").GetProperty("queued").GetInt64().Should().Be(2);
        json.GetProperty("max_queue_depth").GetInt64().Should().Be(2);
        json.GetProperty("start_ts").GetDouble().Should().Be(100);
        json.GetProperty("skipped").GetProperty("lines").EnumerateArray().Select(l => (l.GetProperty("line").GetInt64(), l.GetProperty("reason").GetString()))
            .Should().Equal((2L, "bad_ts"));
        json.GetProperty("outstanding").GetProperty("a/x").GetProperty("queued").EnumerateArray().Select(c => c.GetProperty("text").GetString())
            .Should().Equal("make", "npm test");
    }

    [Test]
    public void Both_paths_keep_the_last_value_of_every_key_the_fold_reads()
        => Lines.Sample(line =>
        {
            var bytes = Encoding.UTF8.GetBytes(line);
            var expected = Oracle(bytes);
            foreach (var fastPath in new[] { true, false })
            {
                var scanner = new LineScanner(fastPath: fastPath);
                var verdict = scanner.Scan(bytes, out var f, out _);
                (verdict, verdict is null ? LineScannerTests.Facts(scanner, f, bytes) : null).Should().Be(expected, $"fast path {fastPath}: {line}");
            }
        }, iter: 20000, threads: 1);

    // Objects whose keys are drawn with replacement (so often twice, and read keys more often), with values of every JSON type.
    private static readonly Gen<string> Scalar = Gen.OneOf<string>(
        "\"a/x\"", "\"\"", "\"b\\u002fy\"", "\"command\"", "\"queued\"", "\"q1\"", "\"c1\"", "\"npm test\"", "\"100.5\"",
        "7", "0", "-0.0", "1763900000.25", "null", "true", "false", "[]", "[1, \"x\"]", "{}", "{\"text\": \"t\"}");

    private static Gen<string> Obj(string[] keys, Func<string, Gen<string>> value) =>
        Gen.OneOf<string>(keys).SelectMany(k => value(k).Select(v => $"\"{k}\": {v}")).Array[0, 7].Select(ms => "{" + string.Join(", ", ms) + "}");

    private static readonly Gen<string> Meta = Gen.Frequency<string>(
        (4, Obj(["queue_id", "command_id", "queue_id", "command_id", "who", "queue\\u005fid"], _ => Gen.Frequency<string>((3, Gen.OneOf<string>("\"q1\"", "\"q2\"", "\"c1\"", "\"\"")), (1, Scalar)))),
        (1, Scalar));

    private static readonly Gen<string> Payload = Gen.Frequency<string>(
        (4, Obj(["text", "meta", "text", "meta", "session"], k => k == "meta" ? Meta : Gen.Frequency<string>((3, Gen.OneOf<string>("\"npm test\"", "\"make\"", "\"\"")), (1, Scalar)))),
        (1, Scalar));

    private static readonly Gen<string> Lines = Obj(
        ["ts", "event", "branch", "queued", "dry_run", "command", "status", "meta", "payload", "id", "t\\u0073",
         "ts", "event", "branch", "payload", "meta", "command"],
        k => k switch
        {
            "ts" or "t\\u0073" => Gen.OneOf<string>("1763900000.25", "100", "0", "null", "\"100.5\"", "\"yesterday\"", "1e400", "true", "-1e20", "[]"),
            "event" => Gen.OneOf<string>("\"command\"", "\"queued\"", "\"confirmation\"", "\"pending_confirmation\"", "\"x\\u0079\"", "7", "null"),
            "branch" or "command" or "status" => Gen.Frequency<string>((3, Gen.OneOf<string>("\"a/x\"", "\"b/y\"", "\"\"")), (1, Scalar)),
            "payload" => Payload,
            "meta" => Meta,
            _ => Scalar,
        });

    /// <summary>The verdict and facts json.loads would give: the last occurrence of each key, read by the original's rules.</summary>
    internal static (SkipReason?, string?) Oracle(byte[] line)
    {
        using var doc = JsonDocument.Parse(line);
        var members = doc.RootElement.EnumerateObject().ToList();
        JsonElement? Last(IEnumerable<JsonProperty> ms, string name) => ms.Where(m => m.Name == name).Select(m => (JsonElement?)m.Value).LastOrDefault();
        int LastAt(string name) => members.FindLastIndex(m => m.Name == name) + 1;
        JsonElement? Member(JsonElement? obj, string name) => obj is { ValueKind: JsonValueKind.Object } o ? Last(o.EnumerateObject(), name) : null;
        string? Str(JsonElement? e) => e is { ValueKind: JsonValueKind.String } s ? s.GetString() : null;

        // ts and event: a bad last value skips the line; with both bad, the key that came first names the reason.
        SkipReason? tsError = null;
        var ts = double.NaN;
        switch (Last(members, "ts"))
        {
            case null or { ValueKind: JsonValueKind.Null }: break;
            case { ValueKind: JsonValueKind.Number } n when n.TryGetDouble(out var d) && LineRules.IsInRange(d): ts = d == 0 ? double.NaN : d; break;
            case { ValueKind: JsonValueKind.String } s when Encoding.UTF8.GetByteCount(s.GetString()!) <= 64
                && UnixTimestamp.TryParseDecimalString(s.GetString(), out var d) && LineRules.IsInRange(d): ts = d == 0 ? double.NaN : d; break;
            default: tsError = SkipReason.BadTimestamp; break;
        }
        var ev = Last(members, "event");
        SkipReason? eventError = ev is null or { ValueKind: JsonValueKind.String } ? null : SkipReason.BadEvent;
        var (firstEvent, firstTs) = (members.FindIndex(m => m.Name == "event"), members.FindIndex(m => m.Name == "ts"));
        var eventFirst = firstEvent >= 0 && (firstTs < 0 || firstEvent < firstTs);
        var verdict = eventFirst && eventError is not null || tsError is null ? eventError : tsError;
        if (verdict is not null) return (verdict, null);

        var payload = Last(members, "payload");
        var payloadMeta = Member(payload, "meta");
        var queueId = Str(Member(payloadMeta, "queue_id"));
        // command_id: of payload.meta or of the top-level meta, the later key's when it is a string.
        var (topId, payloadId) = (Member(Last(members, "meta"), "command_id"), Member(payloadMeta, "command_id"));
        var (later, earlier) = LastAt("meta") > LastAt("payload") ? (topId, payloadId) : (payloadId, topId);
        var commandId = Str(later) ?? Str(earlier);
        return (null, string.Join("|",
            ts, Str(ev) ?? "-", Str(Last(members, "branch")) ?? "-", Truthy(Last(members, "queued")), Truthy(Last(members, "dry_run")),
            Str(Member(payload, "text")) ?? "-", string.IsNullOrEmpty(queueId) ? "-" : queueId, string.IsNullOrEmpty(commandId) ? "-" : commandId,
            Str(Last(members, "command")) ?? "-", Str(Last(members, "status")) ?? ""));
    }

    /// <summary>Python's truthiness of a JSON value (missing: false).</summary>
    private static bool Truthy(JsonElement? e) => e switch
    {
        null => false,
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False or JsonValueKind.Null } => false,
        { ValueKind: JsonValueKind.Number } n => !(n.TryGetDouble(out var d) && d == 0),
        { ValueKind: JsonValueKind.String } s => s.GetString()!.Length > 0,
        { ValueKind: JsonValueKind.Array } a => a.GetArrayLength() > 0,
        { } o => o.EnumerateObject().Any(),
    };

    [Test]
    public void The_oracle_itself_keeps_the_last_value()
    {
        var line = """{"ts": 1, "branch": "a/x", "branch": 7, "event": "command", "payload": {"text": "a"}, "payload": {"meta": {"queue_id": "q"}}}"""u8.ToArray();

        Oracle(line).Should().Be(((SkipReason?)null, "1|command|-|False|False|-|q|-|-|"));
        Oracle(line).Should().Be(((SkipReason?)null, Facts(line, fastPath: false)));
    }

    private static string? Facts(byte[] line, bool fastPath)
    {
        var scanner = new LineScanner(fastPath: fastPath);
        return scanner.Scan(line, out var f, out _) is null ? LineScannerTests.Facts(scanner, f, line) : null;
    }
}
