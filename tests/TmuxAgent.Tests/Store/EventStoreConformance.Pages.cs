using System.Text;
using TmuxAgent.Core.Store;
using static TmuxAgent.Tests.Store.StoreEvents;

namespace TmuxAgent.Tests.Store;

/// <summary>Reading the all-stream in pages of UTF-8 bytes (<see cref="IEventReader.ReadPageAsync"/>, <see cref="EventFeed"/>):
/// the same events as <see cref="IEventReader.ReadAllAsync"/>, in order, with every field, and a last page that says so.</summary>
public abstract partial class EventStoreConformance
{
    private async Task<List<StoredEvent>> AppendMixedAsync()
    {
        await Store.AppendAsync(Stream("branch-a/x"), ExpectedVersion.Any, [Event("p-0", """{"text":"修复 ✓","n":0}"""), Event("p-1")]);
        await Store.AppendAsync(Stream("branch-b/y"), ExpectedVersion.Any, Events("q", 5));
        await Store.AppendAsync(Stream("other"), ExpectedVersion.Any, [Event("r-0", type: "other_type")]);
        await Store.AppendAsync(Stream("branch-a/x"), ExpectedVersion.Any, Events("s", 2));
        return await Store.ReadEverything();
    }

    [TestCase(1)]
    [TestCase(3)]
    [TestCase(10)]
    [TestCase(4096)]
    public async Task Pages_hold_every_event_in_order_with_its_bytes(int pageSize)
    {
        var expected = await AppendMixedAsync();

        var read = new List<StoredEvent>();
        var pages = 0;
        var ends = new List<bool>();
        await foreach (var page in Store.ReadPagesAsync(0, pageSize))
        {
            pages++;
            ends.Add(page.IsEnd);
            page.Count.Should().BeInRange(1, pageSize);
            page.LastPosition.Should().Be(page.Events[^1].Position);
            foreach (var e in page.Events.ToArray()) read.Add(e.ToStored());
        }

        read.Should().BeEquivalentTo(expected, o => o.WithStrictOrdering());
        Encoding.UTF8.GetString((await Store.ReadPageAsync(0, 1)).Events[0].Data.Span).Should().Be("""{"text":"修复 ✓","n":0}""");
        pages.Should().Be((expected.Count + pageSize - 1) / pageSize);
        ends.Take(pages - 1).Should().NotContain(true, "a full page cannot know it was the last");
    }

    [Test]
    public async Task A_page_after_the_end_is_empty_and_ends_there()
    {
        var all = await AppendMixedAsync();

        var page = await Store.ReadPageAsync(all[^1].Position, 5);

        page.Count.Should().Be(0);
        page.IsEnd.Should().BeTrue();
        page.LastPosition.Should().Be(all[^1].Position);
        (await Store.ReadPageAsync(all[^3].Position, 5)).IsEnd.Should().BeTrue("fewer events than asked for");
    }

    [Test]
    public async Task A_page_read_again_is_refilled_from_the_new_position()
    {
        var all = await AppendMixedAsync();

        var first = await Store.ReadPageAsync(0, 2);
        var firstIds = first.Events.ToArray().Select(e => e.EventId).ToList();
        var second = await Store.ReadPageAsync(first.LastPosition, 2, first);

        firstIds.Should().Equal(all[0].EventId, all[1].EventId);
        second.Should().BeSameAs(first);
        second.Events.ToArray().Select(e => e.Position).Should().Equal(all[2].Position, all[3].Position);
        second.Events[0].Stream.Should().Be(all[2].Stream);
        second.Events[0].Created.Should().Be(At);
    }
}
