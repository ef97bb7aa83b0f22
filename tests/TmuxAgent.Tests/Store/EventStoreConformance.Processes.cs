using System.Diagnostics;
using TmuxAgent.Core.Store;
using static TmuxAgent.Tests.Store.StoreEvents;

namespace TmuxAgent.Tests.Store;

public abstract partial class EventStoreConformance
{
    [Test]
    [Category("processes")]
    public async Task Two_processes_contending_for_one_stream_store_every_event_exactly_once()
    {
        RequireProcesses();
        const int each = 200;

        using var a = StoreProbe.Start("contend", ProbeStoreUri, "shared", $"{each}", "p0");
        using var b = StoreProbe.Start("contend", ProbeStoreUri, "shared", $"{each}", "p1");
        (await a.WaitForExitAsync()).Should().Be(0, a.Output);
        (await b.WaitForExitAsync()).Should().Be(0, b.Output);

        var stream = await SecondHandle().ReadStreamAsync(Stream("shared"));
        stream.Select(e => e.Version).Should().Equal(Enumerable.Range(0, 2 * each).Select(i => (long)i));
        foreach (var tag in new[] { "p0", "p1" })
            stream.Where(e => e.EventId.StartsWith(tag + "-")).Select(e => e.EventId)
                .Should().Equal(Enumerable.Range(0, each).Select(i => $"{tag}-{i}"));
        (await Store.ReadEverything()).Select(e => e.Position).Should().Equal(Enumerable.Range(1, 2 * each).Select(i => (long)i));
    }

    [Test]
    [Category("processes")]
    public async Task A_process_killed_mid_batch_leaves_every_batch_entirely_present_or_absent()
    {
        RequireProcesses();
        const int batchSize = 20_000, streams = 8, killDuring = 3;

        using (var probe = StoreProbe.Start("batches", ProbeStoreUri, $"{batchSize}", $"{streams}"))
        {
            await probe.WaitForLineAsync($"begin {killDuring}");
            probe.Kill();
        }

        AssertStorageIntact();
        var reopened = SecondHandle();
        var all = await reopened.ReadEverything();
        var batches = all.GroupBy(e => e.EventId[..e.EventId.IndexOf('-')]).ToDictionary(g => g.Key, g => g.Count());
        batches.Should().ContainKeys(Enumerable.Range(0, killDuring).Select(n => $"batch{n}"), "batches reported done were committed");
        batches.Values.Should().AllBeEquivalentTo(batchSize, "a batch is all or nothing");
        TestContext.Out.WriteLine($"batch {killDuring} (in flight when killed) is {(batches.ContainsKey($"batch{killDuring}") ? "present" : "absent")}");
        all.Select(e => e.Position).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        var after = await reopened.AppendAsync(Stream("after-crash"), ExpectedVersion.NoStream, Events("after", 1));
        after.LastPosition.Should().Be(all[^1].Position + 1, "the store takes appends after the crash");
    }
}
