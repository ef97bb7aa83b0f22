using System.Runtime.CompilerServices;

namespace TmuxAgent.Core.Store;

/// <summary>The one paging loop over the all-stream: every reader of "all events after a position" uses it.</summary>
public static class EventFeed
{
    /// <summary>The pages of every event after <paramref name="afterPosition"/>, until the store has no more. The same
    /// <see cref="EventPage"/> instance is read into again for each page: use a page before asking for the next.</summary>
    public static async IAsyncEnumerable<EventPage> ReadPagesAsync(this IEventReader reader, long afterPosition = 0, int pageSize = 4096,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        EventPage? page = null;
        while (true)
        {
            page = await reader.ReadPageAsync(afterPosition, pageSize, page, ct).ConfigureAwait(false);
            if (page.Count > 0) yield return page;
            if (page.IsEnd || page.Count == 0) yield break;
            afterPosition = page.LastPosition;
        }
    }
}
