using System.Runtime.CompilerServices;

namespace TmuxAgent.Core.Store;

/// <summary>The one paging loop over the all-stream: every reader of "all events after a position" uses it.</summary>
public static class EventFeed
{
    /// <summary>
    /// The pages of every event after <paramref name="afterPosition"/>, until the store has no more. While the caller
    /// uses a full page, the next one is read on another thread (reading and folding overlap on a second core); two
    /// <see cref="EventPage"/> instances take turns, so a page stays valid until the caller asks for the next one.
    /// </summary>
    public static async IAsyncEnumerable<EventPage> ReadPagesAsync(this IEventReader reader, long afterPosition = 0, int pageSize = 4096,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        var page = await reader.ReadPageAsync(afterPosition, pageSize, null, ct).ConfigureAwait(false);
        EventPage? spare = null;
        Task<EventPage>? next = null;
        try
        {
            while (page.Count > 0)
            {
                if (page.IsEnd)
                {
                    yield return page;
                    yield break;
                }
                next = ReadAheadAsync(reader, page.LastPosition, pageSize, spare, ct);
                yield return page;
                spare = page;
                page = await next.ConfigureAwait(false);
                next = null;
            }
        }
        finally
        {
            // the caller stopped early: the read ahead finishes before the reader may be disposed
            if (next is not null)
                try { await next.ConfigureAwait(false); }
                catch (Exception) when (next.IsFaulted || next.IsCanceled) { }
        }
    }

    private static Task<EventPage> ReadAheadAsync(IEventReader reader, long after, int pageSize, EventPage? reuse, CancellationToken ct) =>
        Task.Run(() => reader.ReadPageAsync(after, pageSize, reuse, ct).AsTask(), ct);
}
