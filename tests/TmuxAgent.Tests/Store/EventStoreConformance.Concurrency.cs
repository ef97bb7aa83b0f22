using TmuxAgent.Core.Store;
using static TmuxAgent.Tests.Store.StoreEvents;

namespace TmuxAgent.Tests.Store;

public abstract partial class EventStoreConformance
{
    [Test]
    public async Task Two_threads_contending_for_one_stream_each_get_every_event_in_exactly_once()
    {
        const int each = 150;
        var handles = new[] { Store, SecondHandle() };

        await Task.WhenAll(handles.Select((h, w) => Task.Run(() => AppendWithRetry(h, Stream("shared"), $"w{w}", each))));

        var stream = await Store.ReadStreamAsync(Stream("shared"));
        stream.Select(e => e.Version).Should().Equal(Enumerable.Range(0, 2 * each).Select(i => (long)i));
        stream.Select(e => e.EventId).Should().OnlyHaveUniqueItems().And.HaveCount(2 * each);
        foreach (var w in new[] { "w0", "w1" })
            stream.Where(e => e.EventId.StartsWith(w + "-")).Select(e => e.EventId)
                .Should().Equal(Enumerable.Range(0, each).Select(i => $"{w}-{i}"), "each writer's events keep its order");
        (await Store.ReadEverything()).Select(e => e.Position).Should().Equal(Enumerable.Range(1, 2 * each).Select(i => (long)i));
    }

    [Test]
    public async Task Concurrent_writers_to_different_streams_get_strictly_increasing_gap_free_positions()
    {
        const int writers = 4, appends = 60;
        var handles = new[] { Store, SecondHandle() };

        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < appends; i++)
                await handles[w % 2].AppendAsync(Stream($"s{w}"), ExpectedVersion.AfterCount(2 * i), Events($"s{w}", 2, from: 2 * i));
        })));

        var all = await Store.ReadEverything(pageSize: 97);
        all.Select(e => e.Position).Should().Equal(Enumerable.Range(1, writers * appends * 2).Select(i => (long)i));
        foreach (var g in all.GroupBy(e => e.Stream))
            g.Select(e => e.Version).Should().Equal(Enumerable.Range(0, appends * 2).Select(i => (long)i));
        (await SecondHandle().LastPositionAsync()).Should().Be(writers * appends * 2);
    }

    /// <summary>Appends <paramref name="count"/> events one at a time with the exact expected version, re-reading it after each conflict.</summary>
    private static async Task<int> AppendWithRetry(IEventStore store, StreamName stream, string tag, int count)
    {
        var expected = ExpectedVersion.NoStream;
        var conflicts = 0;
        for (var i = 0; i < count;)
        {
            try
            {
                var r = await store.AppendAsync(stream, expected, [Event($"{tag}-{i}")]);
                expected = ExpectedVersion.Exactly(r.NextExpectedVersion);
                i++;
            }
            catch (WrongExpectedVersionException e)
            {
                conflicts++;
                expected = ExpectedVersion.AfterCount(e.Actual + 1);
            }
        }
        return conflicts;
    }
}
