using System.Net;
using System.Net.Http.Headers;
using TmuxAgent.Core.Audit;
using TmuxAgent.Core.Branches;
using TmuxAgent.Config;
using TmuxAgent.Host.Decisions;
using TmuxAgent.Host.LocalBus;
using TmuxAgent.Host.Web;
using TmuxAgent.Tests.Host;
using TmuxAgent.Tests.Host.Decisions;
using TmuxAgent.Tests.Web;

namespace TmuxAgent.Tests.Hostile;

/// <summary>
/// Hostile input of many megabytes is refused over a size limit without being held in memory: the bytes allocated while
/// handling it stay a small fraction of its size (counted by the GC, not timed).
/// </summary>
public class MemoryBoundTests
{
    private const int Huge = 20 * 1024 * 1024;
    private TempDir _dir = null!;

    [SetUp] public void SetUp() => _dir = new TempDir();
    [TearDown] public void TearDown() => _dir.Dispose();

    [Test]
    public void A_64_MB_audit_line_is_skipped_as_too_long_and_the_next_line_is_read()
    {
        var path = _dir["actions.jsonl"];
        WriteHugeLine(path, "{\"ts\": 1763900000.5, \"event\": \"queued\", \"payload\": {\"text\": \"", "\"}}\n", 64 * 1024 * 1024);
        File.AppendAllText(path, "{\"ts\": 1763900001.5, \"branch\": \"a/b\", \"event\": \"queued\", \"payload\": {}}\n");

        var before = GC.GetAllocatedBytesForCurrentThread();
        var entries = new AuditLogReader().ReadFile(path).ToList();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        entries.Should().HaveCount(2);
        entries[0].Should().BeOfType<SkippedLine>().Which.Reason.Should().Be(SkipReason.TooLong);
        entries[1].Should().NotBeOfType<SkippedLine>();
        // The reader's buffer grows up to its 4 MiB line limit (about 16 MB allocated in doublings), then skips the rest:
        // bounded by the limit, not by the line.
        allocated.Should().BeLessThan(4L * AuditLogReaderOptions.Default.MaxLineBytes + 2 * 1024 * 1024, "the line is skipped in chunks, not buffered whole");
    }

    [Test]
    public void A_20_MB_LocalBus_confirmation_line_is_rejected_naming_its_line_and_the_next_record_is_read()
    {
        var bus = _dir["bus/confirmations.jsonl"];
        Directory.CreateDirectory(_dir["bus"]);
        File.WriteAllText(bus, "");
        var feed = new ConfirmationFeed(bus, _dir["state/offsets.json"]);
        feed.ReadNew(out _).Should().BeEmpty("the first read starts at the end of the file");
        WriteHugeLine(bus, "{\"branch\": \"a/b\", \"action\": \"approve\", \"command\": \"", "\"}\n");
        File.AppendAllText(bus, "{\"id\": \"c2\", \"branch\": \"a/b\", \"action\": \"approve\", \"command_id\": \"cmd-1\"}\n");

        var before = GC.GetAllocatedBytesForCurrentThread();
        var records = feed.ReadNew(out var next);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        records.Should().HaveCount(2);
        records[0].Record.Should().BeNull();
        records[0].Error.Should().Contain($"longer than {ConfirmationFeed.MaxLineBytes} bytes");
        records[0].Line.Should().Be(1);
        records[1].Record!.CommandId.Should().Be("cmd-1");
        records[1].Line.Should().Be(2);
        next.Should().Be(new FileInfo(bus).Length);
        allocated.Should().BeLessThan(2 * 1024 * 1024, "the long line is read through in chunks, never held whole");
    }

    [Test]
    public void A_LocalBus_backlog_is_read_a_bounded_number_of_lines_at_a_time_and_nothing_is_skipped()
    {
        var bus = _dir["bus/confirmations.jsonl"];
        Directory.CreateDirectory(_dir["bus"]);
        File.WriteAllText(bus, "");
        var feed = new ConfirmationFeed(bus, _dir["state/offsets.json"]);
        feed.ReadNew(out _);
        var total = ConfirmationFeed.MaxLinesPerRead * 2 + 7;
        File.AppendAllLines(bus, Enumerable.Range(1, total).Select(i => $"{{\"branch\": \"a/b\", \"action\": \"deny\", \"command_id\": \"cmd-{i}\"}}"));

        var seen = new List<int>();
        while (feed.ReadNew(out var next) is { Count: > 0 } batch)
        {
            batch.Count.Should().BeLessThanOrEqualTo(ConfirmationFeed.MaxLinesPerRead);
            seen.AddRange(batch.Select(r => r.Line));
            feed.Commit(next);
        }

        seen.Should().Equal(Enumerable.Range(1, total));
    }

    [Test, Category("process")]
    public async Task A_model_command_printing_64_MB_is_a_process_error_and_its_output_is_not_kept()
    {
        var (outcome, allocated) = await DecideMeasuredAsync("cat >/dev/null; head -c 67108864 /dev/zero | tr '\\0' '{'");

        var failure = outcome.Should().BeOfType<DecisionFailure>().Which;
        failure.Kind.Should().Be(DecisionErrorKinds.ProcessError);
        failure.Message.Should().Contain($"more than {ExternalCommandSource.MaxOutputBytes} bytes");
        allocated.Should().BeLessThan(24L * 1024 * 1024, "64 MB of output is read through and dropped after the 1 MiB cap");
    }

    [Test, Category("process")]
    public async Task A_model_command_failing_with_32_MB_on_stderr_is_reported_with_its_last_words_and_only_they_are_kept()
    {
        var (outcome, allocated) = await DecideMeasuredAsync("cat >/dev/null; head -c 33554432 /dev/zero | tr '\\0' 'e' >&2; echo ' and the last words' >&2; exit 3");

        var failure = outcome.Should().BeOfType<DecisionFailure>().Which;
        failure.Kind.Should().Be(DecisionErrorKinds.ProcessError);
        failure.Message.Should().Contain("exited with status 3").And.Contain("and the last words");
        allocated.Should().BeLessThan(8L * 1024 * 1024, "stderr keeps its last 64 KiB, the rest is dropped as it is read");
    }

    /// <summary>Runs a model command made of <paramref name="script"/> through <see cref="ExternalCommandSource"/>; the
    /// outcome and the bytes this process allocated meanwhile.</summary>
    private async Task<(DecisionOutcome Outcome, long Allocated)> DecideMeasuredAsync(string script)
    {
        var codex = new DecisionCommandConfig { Bin = _dir.Script("decide.sh", script), TimeoutSeconds = 60 };
        var config = new OrchestratorConfig { SourcePath = _dir["orchestrator.toml"], DisplayPath = "orchestrator.toml", DecisionCommand = codex };
        var source = new ExternalCommandSource(codex, new PromptBuilder(config));
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var outcome = await source.DecideAsync(ExternalCommandSourceTests.Context("a/b"), CancellationToken.None);
        return (outcome, GC.GetTotalAllocatedBytes(precise: true) - before);
    }

    [Test, Category("http"), Category("tmux")]
    public async Task A_20_MB_approval_body_is_answered_413_without_being_buffered_and_the_portal_keeps_serving()
    {
        await using var h = await DaemonHarness.StartAsync(DaemonHarness.Task("mem/a"), _ => new Decision("idle", []));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(h.PortalUrl, "api/confirmations")) { Content = new RepeatedContent(Huge) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", h.Token);
        request.Headers.ExpectContinue = true;

        var before = GC.GetTotalAllocatedBytes(precise: true);
        using var response = await h.Http.SendAsync(request);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await response.Content.ReadAsStringAsync()).Should().Contain($"larger than {WebSurface.MaxRequestBodyBytes} bytes");
        allocated.Should().BeLessThan(Huge / 4, "the body is refused after 64 KiB, not read into memory");
        using var next = await h.PostAsync(DaemonHarness.Body("mem/a", "cmd-none", "approve"), h.Token);
        next.StatusCode.Should().Be(HttpStatusCode.NotFound, "the portal keeps serving");
    }

    /// <summary>Appends prefix + <paramref name="size"/> 'x' + suffix, written in blocks.</summary>
    private static void WriteHugeLine(string path, string prefix, string suffix, int size = Huge)
    {
        using var f = new FileStream(path, FileMode.Append);
        f.Write(System.Text.Encoding.UTF8.GetBytes(prefix));
        var block = new byte[1024 * 1024];
        Array.Fill(block, (byte)'x');
        for (var i = 0; i < size / block.Length; i++) f.Write(block);
        f.Write(System.Text.Encoding.UTF8.GetBytes(suffix));
    }

    /// <summary>A body of <paramref name="length"/> bytes sent from one reused buffer (the client itself allocates nothing per byte).</summary>
    private sealed class RepeatedContent : HttpContent
    {
        private static readonly byte[] Block = Enumerable.Repeat((byte)'x', 64 * 1024).ToArray();
        private readonly long length;

        public RepeatedContent(long length)
        {
            this.length = length;
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var sent = 0L; sent < length; sent += Block.Length)
                await stream.WriteAsync(Block.AsMemory(0, (int)Math.Min(Block.Length, length - sent)));
        }

        protected override bool TryComputeLength(out long l)
        {
            l = length;
            return true;
        }
    }
}
