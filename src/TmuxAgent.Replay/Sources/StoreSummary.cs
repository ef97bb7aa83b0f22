using TmuxAgent.Core.Projections.Replay;
using TmuxAgent.Core.Store;
using TmuxAgent.Replay.Summary;

namespace TmuxAgent.Replay.Sources;

/// <summary>
/// Summarises an event store: its pages (<see cref="EventFeed.ReadPagesAsync"/>) go through <see cref="StoreRecords"/>
/// into the same Core projection a log file feeds, so a store and its audit mirror give the same summary.
/// </summary>
internal static class StoreSummary
{
    private const int Page = 4096;

    /// <summary>Above this many texts to print, they are picked up in one more pass over the store instead of one read each.</summary>
    private const int SingleReads = 256;

    public static async Task<ReplaySummary> RunAsync(IEventReader store, string display, ReplayFilter filter, int? limit, CancellationToken ct, int? textsPerList = null)
    {
        var projection = new ReplayProjection(filter);
        var records = new StoreRecords(projection);
        var after = 0L;
        if (limit is { } n) after = Math.Max(0, await store.LastPositionAsync(ct).ConfigureAwait(false) - n);
        await foreach (var page in store.ReadPagesAsync(after, Page, ct).ConfigureAwait(false)) records.Fold(page);
        var figures = projection.Figures();
        var texts = await TextsAsync(store, Needed(figures, textsPerList), ct).ConfigureAwait(false);
        return ReplaySummary.Of(figures, display, filter.Branch, r => texts.GetValueOrDefault(r.Locator), textsPerList);
    }

    /// <summary>The positions whose text the summary prints: the last command, the last summary, the first of each outstanding list.</summary>
    private static SortedSet<long> Needed(ReplayFigures f, int? textsPerList)
    {
        var take = textsPerList ?? int.MaxValue;
        var needed = new SortedSet<long>(f.Outstanding.SelectMany(b => b.Queued.Take(take).Concat(b.Pending.Take(take))).Select(r => r.Locator));
        if (f.LastCommand is { } c) needed.Add(c.Locator);
        if (f.LastSummary is { } s) needed.Add(s.Locator);
        return needed;
    }

    private static async Task<Dictionary<long, string?>> TextsAsync(IEventReader store, SortedSet<long> positions, CancellationToken ct)
    {
        var texts = new Dictionary<long, string?>();
        if (positions.Count == 0) return texts;
        if (positions.Count <= SingleReads)
        {
            EventPage? page = null;
            foreach (var p in positions)
            {
                page = await store.ReadPageAsync(p - 1, 1, page, ct).ConfigureAwait(false);
                if (page.Count == 1 && page.Events[0].Position == p) texts[p] = StoreRecords.TextOf(page.Events[0]);
            }
            return texts;
        }
        await foreach (var page in store.ReadPagesAsync(positions.Min - 1, Page, ct).ConfigureAwait(false))
        {
            foreach (ref readonly var e in page.Events)
                if (positions.Contains(e.Position)) texts[e.Position] = StoreRecords.TextOf(e);
            if (page.LastPosition >= positions.Max) break;
        }
        return texts;
    }
}
