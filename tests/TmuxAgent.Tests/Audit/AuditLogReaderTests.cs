using System.Text;
using TmuxAgent.Core.Audit;

namespace TmuxAgent.Tests.Audit;

public class AuditLogReaderTests
{
    private TempDir _dir = null!;

    [SetUp] public void SetUp() => _dir = new TempDir();
    [TearDown] public void TearDown() => _dir.Dispose();

    private List<AuditEntry> Read(byte[] content, AuditLogReaderOptions? options = null)
    {
        var path = _dir.File("log.jsonl");
        File.WriteAllBytes(path, content);
        return new AuditLogReader(options).ReadFile(path).ToList();
    }

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    private const string Good = """{"ts": 1763900001.5, "branch": "a/b", "event": "command", "payload": {"text": "ls"}}""";

    [Test]
    public void Every_bad_line_is_reported_with_its_number_and_reason_and_the_good_lines_are_read()
    {
        var content = new List<byte>();
        void Add(string s) => content.AddRange(Utf8(s));
        Add(Good + "\n");                                   // 1
        Add("\n");                                          // 2 blank
        Add("   \n");                                       // 3 blank
        Add("[1,2]\n");                                     // 4 not an object
        Add("{\"ts\": \"soon\", \"event\": \"x\"}\n");      // 5 bad ts
        Add("{\"ts\": 1, \"event\": 5}\n");                 // 6 bad event
        Add("{\"ts\": 1, \"event\": \"a\u0000b\"}\n".Replace("\\u0000", "\u0000")); // 7 NUL byte
        content.AddRange(Utf8("{\"event\": \"")); content.AddRange(new byte[] { 0xff, 0xfe }); Add("\"}\n"); // 8 invalid UTF-8
        Add(new string('[', 2000) + new string(']', 2000) + "\n"); // 9 too deep
        Add("not json\n");                                  // 10
        Add(Good + "\r\n");                                 // 11 CRLF
        Add("{\"ts\": 17639");                              // 12 torn last line

        var entries = Read(content.ToArray());

        entries.Select(e => e.LineNumber).Should().Equal(Enumerable.Range(1, 12).Select(i => (long)i));
        entries.OfType<AuditLine>().Select(l => l.LineNumber).Should().Equal(1, 11);
        entries.OfType<SkippedLine>().Select(s => (s.LineNumber, s.Reason)).Should().Equal(
            (2, SkipReason.Blank), (3, SkipReason.Blank), (4, SkipReason.NotAnObject), (5, SkipReason.BadTimestamp),
            (6, SkipReason.BadEvent), (7, SkipReason.InvalidJson), (8, SkipReason.InvalidUtf8), (9, SkipReason.TooDeep),
            (10, SkipReason.InvalidJson), (12, SkipReason.TornLastLine));
        entries.OfType<SkippedLine>().Single(s => s.LineNumber == 7).Detail.Should().Contain("NUL");
    }

    [Test]
    public void A_20_MB_line_is_skipped_without_stopping_the_read()
    {
        var big = "{\"event\": \"command\", \"payload\": {\"text\": \"" + new string('x', 20 << 20) + "\"}}";
        var entries = Read(Utf8(Good + "\n" + big + "\n" + Good + "\n"));

        entries.Should().HaveCount(3);
        entries[1].Should().BeOfType<SkippedLine>().Which.Reason.Should().Be(SkipReason.TooLong);
        entries[2].Should().BeOfType<AuditLine>().Which.LineNumber.Should().Be(3);
    }

    [Test]
    public void Ts_as_a_decimal_string_counts_and_a_missing_ts_is_null()
    {
        var entries = Read(Utf8("{\"ts\": \" 12.5 \", \"event\": \"a\"}\n{\"event\": \"b\"}\n{\"ts\": 3}\n"));

        entries.Cast<AuditLine>().Select(l => (l.Ts, l.Event)).Should().Equal((12.5, "a"), (null, "b"), (3.0, "unknown"));
    }

    [Test]
    public void A_complete_last_line_without_a_line_break_is_an_event()
    {
        var entries = Read(Utf8(Good + "\n" + Good));

        entries.Should().AllBeOfType<AuditLine>().And.HaveCount(2);
    }

    [Test]
    public void Lines_are_split_at_lone_carriage_returns_as_Python_does()
    {
        var entries = Read(Utf8(Good + "\r" + Good + "\n"));

        entries.Should().AllBeOfType<AuditLine>().And.HaveCount(2);
    }

    [Test]
    public void Small_read_buffers_give_the_same_lines([Values(1, 2, 3, 7, 64)] int readSize)
    {
        var text = Good + "\r\n\n" + Good + "\r" + "x\n" + Good;
        var path = _dir.File("small.jsonl");
        File.WriteAllText(path, text);
        using var file = File.OpenHandle(path);
        var lengths = new List<(long, long, bool)>();
        using var splitter = new LineSplitter(file, 0, text.Length, maxLineBytes: 4096, readSize: readSize);
        while (splitter.Next(out var span, out var bytes))
        {
            bytes.Length.Should().Be((int)span.Length);
            lengths.Add((span.Offset, span.Length, span.Terminated));
        }

        lengths.Should().Equal((0L, (long)Good.Length, true), (Good.Length + 2L, 0L, true), (Good.Length + 3L, (long)Good.Length, true),
            (2L * Good.Length + 4, 1L, true), (2L * Good.Length + 6, (long)Good.Length, false));
    }
}
