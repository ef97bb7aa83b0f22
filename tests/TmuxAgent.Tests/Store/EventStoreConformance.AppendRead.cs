using TmuxAgent.Core.Store;
using static TmuxAgent.Tests.Store.StoreEvents;

namespace TmuxAgent.Tests.Store;

public abstract partial class EventStoreConformance
{
    [Test]
    public async Task Appended_events_read_back_with_every_field_intact()
    {
        var events = Events("a", 3);

        var result = await Store.AppendAsync(Stream("branch-a"), ExpectedVersion.NoStream, events);

        result.Should().Be(new AppendResult(2, 3));
        var read = await Store.ReadStreamAsync(Stream("branch-a"));
        read.Should().HaveCount(3);
        for (var i = 0; i < 3; i++)
        {
            read[i].EventId.Should().Be(events[i].EventId);
            read[i].EventType.Should().Be(events[i].EventType);
            read[i].Data.Should().Be(events[i].Data);
            read[i].Created.Should().Be(At);
            read[i].Created.Offset.Should().Be(At.Offset);
            read[i].Created.Ticks.Should().Be(At.Ticks);
            read[i].Stream.Should().Be(Stream("branch-a"));
            read[i].Version.Should().Be(i);
            read[i].Position.Should().Be(i + 1);
        }
    }

    [Test]
    public async Task A_stream_never_written_reads_as_empty()
    {
        await Store.AppendAsync(Stream("branch-a"), ExpectedVersion.NoStream, Events("a", 1));

        (await Store.ReadStreamAsync(Stream("branch-missing"))).Should().BeEmpty();
    }

    [Test]
    public async Task A_stream_reads_from_a_version_in_pages()
    {
        await Store.AppendAsync(Stream("s"), ExpectedVersion.NoStream, Events("s", 10));
        await Store.AppendAsync(Stream("other"), ExpectedVersion.NoStream, Events("o", 5));

        var page1 = await Store.ReadStreamAsync(Stream("s"), fromVersion: 3, maxCount: 4);
        var page2 = await Store.ReadStreamAsync(Stream("s"), fromVersion: 7, maxCount: 4);
        var beyond = await Store.ReadStreamAsync(Stream("s"), fromVersion: 10);

        page1.Select(e => e.Version).Should().Equal(3, 4, 5, 6);
        page2.Select(e => e.EventId).Should().Equal("s-7", "s-8", "s-9");
        beyond.Should().BeEmpty();
    }

    [Test]
    public async Task Read_all_pages_from_a_position_in_global_order()
    {
        await Store.AppendAsync(Stream("a"), ExpectedVersion.NoStream, Events("a", 3));
        await Store.AppendAsync(Stream("b"), ExpectedVersion.NoStream, Events("b", 2));
        await Store.AppendAsync(Stream("a"), ExpectedVersion.Exactly(2), Events("a", 2, from: 3));

        var fromStart = await Store.ReadAllAsync(0, 4);
        var rest = await Store.ReadAllAsync(fromStart[^1].Position, 100);
        var afterEnd = await Store.ReadAllAsync(7);

        fromStart.Select(e => e.EventId).Should().Equal("a-0", "a-1", "a-2", "b-0");
        rest.Select(e => (e.Stream.Value, e.Version, e.Position)).Should().Equal(("b", 1L, 5L), ("a", 3L, 6L), ("a", 4L, 7L));
        afterEnd.Should().BeEmpty();
        (await Store.ReadEverything(pageSize: 2)).Select(e => e.Position).Should().Equal(1, 2, 3, 4, 5, 6, 7);
    }

    [Test]
    public async Task Streams_are_listed_in_order_of_creation()
    {
        (await Store.ListStreamsAsync()).Should().BeEmpty();

        await Store.AppendAsync(Stream("branch-z"), ExpectedVersion.NoStream, Events("z", 1));
        await Store.AppendAsync(Stream("branch-a"), ExpectedVersion.NoStream, Events("a", 1));
        await Store.AppendAsync(Stream("branch-z"), ExpectedVersion.Exactly(0), Events("z", 1, from: 1));

        (await Store.ListStreamsAsync()).Should().Equal(Stream("branch-z"), Stream("branch-a"));
    }

    [Test]
    public async Task Last_position_is_zero_when_empty_then_the_newest_position()
    {
        (await Store.LastPositionAsync()).Should().Be(0);

        await Store.AppendAsync(Stream("a"), ExpectedVersion.Any, Events("a", 4));
        await Store.AppendAsync(Stream("b"), ExpectedVersion.Any, Events("b", 3));

        (await Store.LastPositionAsync()).Should().Be(7);
    }

    [Test]
    public async Task Chinese_and_emoji_survive_in_data_ids_and_stream_names()
    {
        const string data = """{"summary":"修复登录页面的错误 ✅","text":"echo '🚀 部署完成' && git commit -m \"功能: 添加 🐛 修复\"","notes":"𝔘𝔫𝔦𝔠𝔬𝔡𝔢 👩‍👩‍👧‍👦"}""";
        var stream = Stream("branch-功能/表情-🚀");
        var e = Event("事件-🆔-1", data, "decision_received");

        await Store.AppendAsync(stream, ExpectedVersion.NoStream, [e]);

        var read = (await Store.ReadStreamAsync(stream)).Single();
        read.Data.Should().Be(data);
        read.EventId.Should().Be("事件-🆔-1");
        read.Stream.Should().Be(stream);
        (await Store.ReadAllAsync()).Single().Data.Should().Be(data);
        (await Store.ListStreamsAsync()).Should().Equal(stream);
    }
}
