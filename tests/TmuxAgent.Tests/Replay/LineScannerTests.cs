using System.Text;
using CsCheck;
using TmuxAgent.Core.Audit;
using TmuxAgent.Replay.Summary;

namespace TmuxAgent.Tests.Replay;

/// <summary>The hand-written fast path must never change a verdict: with or without it, every line gives the same facts or the same skip reason.</summary>
public class LineScannerTests
{
    private static readonly string[] SampleLines = File.ReadAllLines(Path.Combine(ReplayProcess.SamplesDir(), "original-audit.jsonl"))
        .Concat([
            """{"ts": 1763900000.5, "branch": "a/x", "event": "confirmation", "status": "approved", "command": "git push", "meta": {"who": "ana", "command_id": "cmd-1", "queue_id": "no"}}""",
            """{"ts": "1763900000.5", "event": "command", "queued": "yes", "dry_run": 0, "payload": {"text": "say \"hi\"", "meta": {"queue_id": ""}}}""",
            """{"ts": null, "event": "queued", "queued": [], "payload": {"text": 5, "meta": [1, {"a": [true, false, null, -0.5e+3]}]}}""",
            """{"ts": 0, "branch": 7, "event": "x", "payload": "p", "meta": 3, "queued": {"a": 1}}""",
        ]).ToArray();

    /// <summary>Members that repeat a key the fold reads (or one it does not), with a value of another JSON type.</summary>
    private static readonly string[] Duplicates =
    [
        "\"ts\": \"x\"", "\"ts\": 5", "\"ts\": null", "\"branch\": 7", "\"branch\": \"b/y\"", "\"event\": null", "\"event\": \"queued\"",
        "\"payload\": \"p\"", "\"payload\": {\"text\": \"t\"}", "\"meta\": {}", "\"meta\": 3", "\"queued\": 0", "\"dry_run\": \"y\"",
        "\"command\": 1", "\"status\": null", "\"text\": null", "\"text\": \"u\"", "\"queue_id\": 3", "\"queue_id\": \"q9\"",
        "\"command_id\": \"c9\"", "\"command_id\": []", "\"session\": 1",
    ];

    private static readonly Gen<string> Mutated =
        Gen.Select(Gen.Int[0, SampleLines.Length - 1], Gen.Int[0, 7], Gen.Int[0, 400], Gen.Char["\"{}[],:\\ 0123456789eE.+-tfnul\t\u0001é"])
            .Select((line, kind, at, c) =>
            {
                var s = SampleLines[line];
                if (s.Length == 0) return c.ToString();
                var i = at % s.Length;
                return kind switch
                {
                    0 => s,
                    1 => s.Remove(i, 1),
                    2 => s.Insert(i, c.ToString()),
                    3 => s[..i] + c + s[Math.Min(s.Length, i + 1)..],
                    4 => s[..i],
                    5 => s.Insert(i, s[..Math.Min(i, 12)]),
                    // a key given twice: a member inserted at the start of an object, or at its end
                    6 => Around(s, '{', at, j => s.Insert(j + 1, Duplicates[at % Duplicates.Length] + ", ")),
                    _ => Around(s, '}', at, j => s.Insert(j, ", " + Duplicates[at % Duplicates.Length])),
                };
            });

    /// <summary>The line with <paramref name="insert"/> applied at one of its <paramref name="c"/> bytes (chosen by <paramref name="at"/>).</summary>
    private static string Around(string s, char c, int at, Func<int, string> insert)
    {
        var positions = Enumerable.Range(0, s.Length).Where(j => s[j] == c).ToList();
        return positions.Count == 0 ? s : insert(positions[at % positions.Count]);
    }

    [Test]
    public void The_fast_path_agrees_with_Utf8JsonReader_on_every_line()
        => Mutated.Sample(line =>
        {
            var bytes = Encoding.UTF8.GetBytes(line);
            var fast = new LineScanner(fastPath: true);
            var slow = new LineScanner(fastPath: false);
            var a = fast.Scan(bytes, out var fa, out _);
            var b = slow.Scan(bytes, out var fb, out _);
            a.Should().Be(b, line);
            if (a is null) Facts(fast, fa, bytes).Should().Be(Facts(slow, fb, bytes), line);
            // Objects, duplicate keys included, give what json.loads would give (the last value of each key).
            if (a is null or SkipReason.BadTimestamp or SkipReason.BadEvent)
                (a, a is null ? Facts(fast, fa, bytes) : null).Should().Be(DuplicateKeyTests.Oracle(bytes), line);
        }, iter: 20000, threads: 1);

    /// <summary>Byte-level damage the string mutations cannot make: bytes that are not UTF-8, stray high bytes, NUL,
    /// control characters and quotes anywhere (the quote index of the fast path must never hide a bad byte).</summary>
    private static readonly Gen<byte[]> DamagedBytes =
        Gen.Select(Gen.Int[0, SampleLines.Length - 1], Gen.Int[0, 400], Gen.Int[1, 3], Gen.Byte)
            .Select((line, at, count, b) =>
            {
                var bytes = Encoding.UTF8.GetBytes(SampleLines[line]).ToList();
                var i = bytes.Count == 0 ? 0 : at % bytes.Count;
                byte[] insert = (at % 5) switch
                {
                    0 => [b],
                    1 => [(byte)(0x80 | b)],
                    2 => [0xC3, b],
                    3 => [(byte)'"', b],
                    _ => [(byte)(b & 0x1F)],
                };
                for (var k = 0; k < count; k++) bytes.InsertRange(Math.Min(bytes.Count, i + 17 * k), insert);
                return bytes.ToArray();
            });

    [Test]
    public void The_fast_path_agrees_with_Utf8JsonReader_on_damaged_bytes()
        => DamagedBytes.Sample(bytes =>
        {
            var fast = new LineScanner(fastPath: true);
            var slow = new LineScanner(fastPath: false);
            var a = fast.Scan(bytes, out var fa, out _);
            var b = slow.Scan(bytes, out var fb, out _);
            a.Should().Be(b, Convert.ToHexString(bytes));
            if (a is null) Facts(fast, fa, bytes).Should().Be(Facts(slow, fb, bytes), Convert.ToHexString(bytes));
        }, iter: 20000, threads: 1);

    [Test]
    public void One_scanner_gives_each_line_its_own_verdict_whatever_it_read_before()
    {
        // The fast path keeps a quote index per scanner: a long line followed by a short one must not see the long one's quotes.
        var scanner = new LineScanner();
        var fresh = SampleLines.Select(l => new LineScanner().Scan(Encoding.UTF8.GetBytes(l), out _, out _)).ToList();
        var reused = SampleLines.Reverse().Concat(SampleLines).Select(l => scanner.Scan(Encoding.UTF8.GetBytes(l), out _, out _)).Skip(SampleLines.Length).ToList();
        reused.Should().Equal(fresh);
        var longLine = "{\"event\": \"queued\", \"payload\": {\"text\": \"" + new string('x', 300) + "\"}}";
        scanner.Scan(Encoding.UTF8.GetBytes(longLine), out _, out _).Should().BeNull();
        var torn = "{\"event\": \"queued\", \"payl"u8.ToArray(); // an unterminated key: no quote of its own closes it
        scanner.Scan(torn, out _, out _).Should().Be(new LineScanner().Scan(torn, out _, out _)).And.Be(SkipReason.InvalidJson);
    }

    [Test]
    public void Every_sample_line_takes_the_fast_path_unless_it_has_escapes_or_is_bad()
    {
        var scanner = new LineScanner();
        var slowOnly = SampleLines.Count(l => l.Contains('\\') || l.Trim().Length == 0 || !l.TrimStart().StartsWith('{'));
        slowOnly.Should().BeLessThan(SampleLines.Length / 10);
        foreach (var line in SampleLines) scanner.Scan(Encoding.UTF8.GetBytes(line), out _, out _);
    }

    internal static string Facts(LineScanner s, LineFacts f, byte[] line) => string.Join("|",
        f.Ts, f.HasEvent ? Str(s, f.Event, line) : "-", f.HasBranch ? Str(s, f.Branch, line) : "-", f.QueuedTruthy, f.DryRun,
        f.HasPayloadText ? Str(s, f.PayloadText, line) : "-", f.HasQueueId ? Str(s, f.QueueId, line) : "-", f.HasCommandId ? Str(s, f.CommandId, line) : "-",
        f.HasConfirmedText ? Str(s, f.ConfirmedText, line) : "-", Str(s, f.Status, line));

    private static string Str(LineScanner s, Utf8Slice slice, byte[] line) => Encoding.UTF8.GetString(s.Get(slice, line));
}
