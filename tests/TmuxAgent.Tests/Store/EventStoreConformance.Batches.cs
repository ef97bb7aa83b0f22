using TmuxAgent.Core.Store;
using static TmuxAgent.Tests.Store.StoreEvents;

namespace TmuxAgent.Tests.Store;

public abstract partial class EventStoreConformance
{
    [Test]
    public async Task A_batch_appends_to_many_streams_with_consecutive_positions()
    {
        await Store.AppendAsync(Stream("b"), ExpectedVersion.NoStream, Events("b", 1));

        var results = await Store.AppendManyAsync(
        [
            Append("a", ExpectedVersion.NoStream, Events("a", 2)),
            Append("b", ExpectedVersion.Exactly(0), Events("b", 2, from: 1)),
            Append("c", ExpectedVersion.Any, Events("c", 1)),
        ]);

        results.Should().Equal(new AppendResult(1, 3), new AppendResult(2, 5), new AppendResult(0, 6));
        (await Store.ReadEverything()).Select(e => e.EventId).Should().Equal("b-0", "a-0", "a-1", "b-1", "b-2", "c-0");
    }

    [Test]
    public async Task One_conflicting_stream_fails_the_whole_batch_and_writes_nothing()
    {
        await Store.AppendAsync(Stream("b"), ExpectedVersion.NoStream, Events("b", 1));

        var batch = () => Store.AppendManyAsync(
        [
            Append("a", ExpectedVersion.NoStream, Events("a", 2)),
            Append("b", ExpectedVersion.NoStream, Events("b", 1, from: 1)),
            Append("c", ExpectedVersion.NoStream, Events("c", 1)),
        ]);

        (await batch.Should().ThrowAsync<WrongExpectedVersionException>()).Which.Stream.Should().Be(Stream("b"));
        (await Store.LastPositionAsync()).Should().Be(1);
        (await Store.ListStreamsAsync()).Should().Equal(Stream("b"));
        (await Store.ReadStreamAsync(Stream("a"))).Should().BeEmpty();
        var retry = await Store.AppendAsync(Stream("a"), ExpectedVersion.NoStream, Events("a", 2));
        retry.Should().Be(new AppendResult(1, 3), "the failed batch left no position or version behind");
    }

    [Test]
    public async Task The_same_stream_twice_in_a_batch_sees_its_own_earlier_part()
    {
        var results = await Store.AppendManyAsync(
        [
            Append("a", ExpectedVersion.NoStream, Events("a", 2)),
            Append("a", ExpectedVersion.Exactly(1), Events("a", 1, from: 2)),
        ]);

        results.Should().Equal(new AppendResult(1, 2), new AppendResult(2, 3));
    }

    [Test]
    public async Task A_batch_whose_second_part_expects_the_version_before_the_first_part_fails_whole()
    {
        var batch = () => Store.AppendManyAsync(
        [
            Append("a", ExpectedVersion.NoStream, Events("a", 2)),
            Append("a", ExpectedVersion.NoStream, Events("a", 1, from: 2)),
        ]);

        (await batch.Should().ThrowAsync<WrongExpectedVersionException>()).Which.Actual.Should().Be(1);
        (await Store.LastPositionAsync()).Should().Be(0);
    }

    [Test]
    public async Task The_same_events_twice_in_one_batch_are_stored_once()
    {
        var results = await Store.AppendManyAsync(
        [
            Append("a", ExpectedVersion.NoStream, Events("a", 2)),
            Append("a", ExpectedVersion.Any, Events("a", 2)),
        ]);

        results.Should().Equal(new AppendResult(1, 2), new AppendResult(1, 2));
        (await Store.ReadEverything()).Select(e => e.EventId).Should().Equal("a-0", "a-1");
    }
}
