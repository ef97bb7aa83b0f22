using TmuxAgent.Core.Store;
using static TmuxAgent.Tests.Store.StoreEvents;

namespace TmuxAgent.Tests.Store;

public abstract partial class EventStoreConformance
{
    [Test]
    public async Task Appending_the_same_ids_again_returns_the_first_result_and_writes_nothing()
    {
        var events = Events("a", 3);
        var first = await Store.AppendAsync(Stream("a"), ExpectedVersion.NoStream, events);
        await Store.AppendAsync(Stream("b"), ExpectedVersion.NoStream, Events("b", 1));

        var again = await Store.AppendAsync(Stream("a"), ExpectedVersion.NoStream, events);

        again.Should().Be(first);
        (await Store.LastPositionAsync()).Should().Be(4);
        (await Store.ReadStreamAsync(Stream("a"))).Select(e => e.EventId).Should().Equal("a-0", "a-1", "a-2");
    }

    [Test]
    public async Task Repeating_only_some_of_the_ids_is_an_error_and_writes_nothing()
    {
        await Store.AppendAsync(Stream("a"), ExpectedVersion.NoStream, Events("a", 2));

        var partial = () => Store.AppendAsync(Stream("a"), ExpectedVersion.Any, [Event("a-0"), Event("new-1")]);

        await partial.Should().ThrowAsync<InvalidOperationException>().WithMessage("*repeats some event ids*");
        (await Store.LastPositionAsync()).Should().Be(2);
    }

    [Test]
    public async Task An_append_whose_first_id_is_new_skips_the_ids_already_stored()
    {
        await Store.AppendAsync(Stream("a"), ExpectedVersion.NoStream, Events("a", 2));

        var result = await Store.AppendAsync(Stream("a"), ExpectedVersion.Exactly(1), [Event("new-0"), Event("a-1"), Event("new-1")]);

        result.Should().Be(new AppendResult(3, 4));
        (await Store.ReadStreamAsync(Stream("a"))).Select(e => e.EventId).Should().Equal("a-0", "a-1", "new-0", "new-1");
        (await Store.LastPositionAsync()).Should().Be(4);
    }

    [Test]
    public async Task Repeating_ids_stored_in_another_stream_is_an_error()
    {
        await Store.AppendAsync(Stream("a"), ExpectedVersion.NoStream, Events("a", 2));

        var elsewhere = () => Store.AppendAsync(Stream("b"), ExpectedVersion.NoStream, Events("a", 2));

        await elsewhere.Should().ThrowAsync<InvalidOperationException>();
        (await Store.ListStreamsAsync()).Should().Equal(Stream("a"));
    }

    [Test]
    public async Task A_repeated_append_inside_a_batch_returns_its_first_result()
    {
        var first = await Store.AppendAsync(Stream("a"), ExpectedVersion.NoStream, Events("a", 2));

        var results = await Store.AppendManyAsync(
        [
            Append("a", ExpectedVersion.NoStream, Events("a", 2)),
            Append("b", ExpectedVersion.NoStream, Events("b", 1)),
        ]);

        results.Should().Equal(first, new AppendResult(0, 3));
        (await Store.LastPositionAsync()).Should().Be(3);
    }
}
