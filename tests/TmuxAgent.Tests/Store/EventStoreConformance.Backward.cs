using TmuxAgent.Core.Store;
using static TmuxAgent.Tests.Store.StoreEvents;

namespace TmuxAgent.Tests.Store;

/// <summary>Reading one stream newest first (<see cref="IEventReader.ReadStreamBackwardAsync"/>): pages below a position,
/// filtered by type, never touching other streams.</summary>
public abstract partial class EventStoreConformance
{
    /// <summary>Two interleaved streams: a gets a-0 … a-5 with types alternating "odd"/"even", b gets b-0 … b-2.</summary>
    private async Task<List<StoredEvent>> AppendInterleavedAsync()
    {
        for (var i = 0; i < 6; i++)
        {
            await Store.AppendAsync(Stream("branch-a"), ExpectedVersion.Any, [Event($"a-{i}", type: i % 2 == 0 ? "even" : "odd")]);
            if (i < 3) await Store.AppendAsync(Stream("branch-b"), ExpectedVersion.Any, [Event($"b-{i}")]);
        }
        return (await Store.ReadEverything()).Where(e => e.Stream == Stream("branch-a")).ToList();
    }

    [Test]
    public async Task A_stream_read_backwards_gives_its_newest_events_first_and_no_other_stream()
    {
        var a = await AppendInterleavedAsync();

        var newest = await Store.ReadStreamBackwardAsync(Stream("branch-a"), null, 4);

        newest.Should().BeEquivalentTo(Enumerable.Reverse(a).Take(4), o => o.WithStrictOrdering());
        (await Store.ReadStreamBackwardAsync(Stream("nothing"), null, 10)).Should().BeEmpty();
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(4)]
    [TestCase(100)]
    public async Task Pages_below_the_last_position_walk_the_whole_stream_once(int pageSize)
    {
        var a = await AppendInterleavedAsync();

        var read = new List<StoredEvent>();
        long? before = null;
        while (true)
        {
            var page = await Store.ReadStreamBackwardAsync(Stream("branch-a"), before, pageSize);
            page.Count.Should().BeLessThanOrEqualTo(pageSize);
            read.AddRange(page);
            if (page.Count < pageSize) break;
            before = page[^1].Position;
        }

        read.Should().BeEquivalentTo(Enumerable.Reverse(a), o => o.WithStrictOrdering());
    }

    [Test]
    public async Task A_position_of_another_stream_is_a_valid_bound()
    {
        var a = await AppendInterleavedAsync();
        var b1 = (await Store.ReadStreamAsync(Stream("branch-b")))[1];

        var older = await Store.ReadStreamBackwardAsync(Stream("branch-a"), b1.Position, 10);

        older.Should().BeEquivalentTo(Enumerable.Reverse(a.Where(e => e.Position < b1.Position)), o => o.WithStrictOrdering());
    }

    [Test]
    public async Task A_type_filter_returns_only_those_types_up_to_the_limit()
    {
        var a = await AppendInterleavedAsync();

        var odd = await Store.ReadStreamBackwardAsync(Stream("branch-a"), null, 2, ["odd"]);
        var both = await Store.ReadStreamBackwardAsync(Stream("branch-a"), a[3].Position, 10, ["odd", "even"]);
        var none = await Store.ReadStreamBackwardAsync(Stream("branch-a"), null, 10, []);

        odd.Select(e => e.EventId).Should().Equal("a-5", "a-3");
        both.Select(e => e.EventId).Should().Equal("a-2", "a-1", "a-0");
        none.Should().BeEmpty();
        odd[0].Should().BeEquivalentTo(a[5]);
    }

    [Test]
    public async Task A_backward_read_of_no_events_is_refused()
    {
        var act = () => Store.ReadStreamBackwardAsync(Stream("branch-a"), null, 0);

        await act.Should().ThrowAsync<ArgumentOutOfRangeException>();
    }
}
