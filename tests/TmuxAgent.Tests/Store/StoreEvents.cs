using TmuxAgent.Core.Store;

namespace TmuxAgent.Tests.Store;

/// <summary>Builders for raw stored events.</summary>
internal static class StoreEvents
{
    /// <summary>A fixed time with a non-UTC offset and sub-millisecond ticks, so a store that loses either is caught.</summary>
    public static readonly DateTimeOffset At = new DateTimeOffset(2025, 11, 23, 12, 13, 21, TimeSpan.FromHours(8)).AddTicks(9182801);

    public static StreamName Stream(string name) => new(name);

    public static NewStreamEvent Event(string id, string? data = null, string type = "test_event") =>
        new(id, type, data ?? $$"""{"id":"{{id}}"}""", At);

    /// <summary><paramref name="count"/> events with ids <c>prefix-0</c>, <c>prefix-1</c>, …</summary>
    public static IReadOnlyList<NewStreamEvent> Events(string prefix, int count, int from = 0) =>
        Enumerable.Range(from, count).Select(i => Event($"{prefix}-{i}")).ToList();

    public static StreamAppend Append(string stream, ExpectedVersion expected, IReadOnlyList<NewStreamEvent> events) =>
        new(Stream(stream), expected, events);

    /// <summary>Every event of the store, paging with <paramref name="pageSize"/>.</summary>
    public static async Task<List<StoredEvent>> ReadEverything(this IEventReader reader, int pageSize = 4096)
    {
        var all = new List<StoredEvent>();
        while (true)
        {
            var page = await reader.ReadAllAsync(all.Count == 0 ? 0 : all[^1].Position, pageSize);
            if (page.Count == 0) return all;
            all.AddRange(page);
        }
    }
}
