using System.Buffers;
using TmuxAgent.Core.Audit;
using TmuxAgent.Core.Store;
using TmuxAgent.Core.Projections.Replay;
using TmuxAgent.Replay.Summary;

namespace TmuxAgent.Replay.Sources;

/// <summary>
/// Summarises an event store: each stored event is turned into its audit line (<see cref="AuditLineWriter"/>) and
/// read by the same scanner as a log file, so a store and its mirror give the same summary.
/// </summary>
internal static class StoreSummary
{
    private const int Page = 4096;

    public static async Task<ReplaySummary> RunAsync(IEventReader store, string display, ReplayFilter filter, int? limit, ScanSettings settings, CancellationToken ct)
    {
        var acc = new SummaryFold(filter);
        var scanner = new LineScanner(settings.MaxDepth);
        var after = 0L;
        if (limit is { } n)
        {
            var last = await store.LastPositionAsync(ct).ConfigureAwait(false);
            after = Math.Max(0, last - n);
        }
        var buffer = new ArrayBufferWriter<byte>(4096);
        while (true)
        {
            var page = await store.ReadAllAsync(after, Page, ct).ConfigureAwait(false);
            if (page.Count == 0) break;
            using var chunk = new ScanChunk(scanner, settings.KeepSkipped);
            foreach (var e in page)
            {
                buffer.ResetWrittenCount();
                AuditLineWriter.Write(buffer, e);
                chunk.Add(new LineSpan(e.Position, e.Position, buffer.WrittenCount, true, false), buffer.WrittenSpan);
                after = e.Position;
            }
            acc.Add(chunk);
        }
        string? TextAt(ReplayRecord r)
        {
            var e = store.ReadAllAsync(r.Locator - 1, 1, ct).GetAwaiter().GetResult().FirstOrDefault(x => x.Position == r.Locator);
            return e is null ? null : LineTexts.TextOf(scanner, System.Text.Encoding.UTF8.GetBytes(AuditLineWriter.Encode(e)), r.Event);
        }
        return acc.Result(display, TextAt, settings.KeepSkipped, false);
    }
}
