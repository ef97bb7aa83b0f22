using TmuxAgent.Core.Store;
using static TmuxAgent.Tests.Store.StoreEvents;

namespace TmuxAgent.Tests.Store;

public abstract partial class EventStoreConformance
{
    [Test]
    public async Task No_stream_expected_on_an_existing_stream_conflicts_and_writes_nothing()
    {
        await Store.AppendAsync(Stream("a"), ExpectedVersion.NoStream, Events("a", 2));

        var append = () => Store.AppendAsync(Stream("a"), ExpectedVersion.NoStream, Events("late", 1));

        var conflict = (await append.Should().ThrowAsync<WrongExpectedVersionException>()).Which;
        conflict.Stream.Should().Be(Stream("a"));
        conflict.Expected.Should().Be(ExpectedVersion.NoStream);
        conflict.Actual.Should().Be(1);
        (await Store.LastPositionAsync()).Should().Be(2);
        (await Store.ReadStreamAsync(Stream("a"))).Should().HaveCount(2);
    }

    [Test]
    public async Task An_exact_version_that_is_not_the_stream_version_conflicts_and_writes_nothing()
    {
        await Store.AppendAsync(Stream("a"), ExpectedVersion.NoStream, Events("a", 3));

        var behind = () => Store.AppendAsync(Stream("a"), ExpectedVersion.Exactly(1), Events("x", 1));
        var ahead = () => Store.AppendAsync(Stream("a"), ExpectedVersion.Exactly(5), Events("y", 1));

        (await behind.Should().ThrowAsync<WrongExpectedVersionException>()).Which.Actual.Should().Be(2);
        (await ahead.Should().ThrowAsync<WrongExpectedVersionException>()).Which.Actual.Should().Be(2);
        (await Store.LastPositionAsync()).Should().Be(3);
    }

    [Test]
    public async Task An_exact_version_on_a_missing_stream_conflicts_with_actual_minus_one()
    {
        var append = () => Store.AppendAsync(Stream("missing"), ExpectedVersion.Exactly(0), Events("m", 1));

        (await append.Should().ThrowAsync<WrongExpectedVersionException>()).Which.Actual.Should().Be(-1);
        (await Store.ListStreamsAsync()).Should().BeEmpty();
    }

    [Test]
    public async Task The_right_exact_version_appends_after_the_last_event()
    {
        await Store.AppendAsync(Stream("a"), ExpectedVersion.NoStream, Events("a", 2));

        var result = await Store.AppendAsync(Stream("a"), ExpectedVersion.Exactly(1), Events("a", 2, from: 2));

        result.Should().Be(new AppendResult(3, 4));
        (await Store.ReadStreamAsync(Stream("a"))).Select(e => e.Version).Should().Equal(0, 1, 2, 3);
    }

    [Test]
    public async Task Any_appends_to_a_new_or_an_existing_stream()
    {
        var first = await Store.AppendAsync(Stream("a"), ExpectedVersion.Any, Events("a", 1));
        var second = await Store.AppendAsync(Stream("a"), ExpectedVersion.Any, Events("a", 1, from: 1));

        first.Should().Be(new AppendResult(0, 1));
        second.Should().Be(new AppendResult(1, 2));
    }
}
