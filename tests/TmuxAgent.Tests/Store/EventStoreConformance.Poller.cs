using TmuxAgent.Core.Store;
using static TmuxAgent.Tests.Store.StoreEvents;

namespace TmuxAgent.Tests.Store;

public abstract partial class EventStoreConformance
{
    [Test]
    public async Task The_poller_catches_up_over_several_pages_then_follows_new_appends()
    {
        await Store.AppendAsync(Stream("a"), ExpectedVersion.NoStream, Events("a", 2500));
        await Store.AppendAsync(Stream("b"), ExpectedVersion.NoStream, Events("b", 10));
        var poller = new AllStreamPoller(SecondHandle(), TimeSpan.FromMilliseconds(10));
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var seen = new List<StoredEvent>();

        await foreach (var e in poller.SubscribeAsync(0, stop.Token))
        {
            seen.Add(e);
            if (seen.Count == 2510)
                await Store.AppendManyAsync([Append("a", ExpectedVersion.Exactly(2499), Events("a", 5, from: 2500)), Append("c", ExpectedVersion.NoStream, Events("c", 1))]);
            if (seen.Count == 2516) break;
        }

        seen.Select(e => e.Position).Should().Equal(Enumerable.Range(1, 2516).Select(i => (long)i));
        seen.TakeLast(6).Select(e => e.EventId).Should().Equal("a-2500", "a-2501", "a-2502", "a-2503", "a-2504", "c-0");
    }

    [Test]
    public async Task The_poller_starts_after_its_checkpoint()
    {
        await Store.AppendAsync(Stream("a"), ExpectedVersion.NoStream, Events("a", 10));
        var poller = new AllStreamPoller(Store, TimeSpan.FromMilliseconds(10));
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var seen = new List<string>();

        await foreach (var e in poller.SubscribeAsync(7, stop.Token))
        {
            seen.Add(e.EventId);
            if (seen.Count == 3) break;
        }

        seen.Should().Equal("a-7", "a-8", "a-9");
    }
}
