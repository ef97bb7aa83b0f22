using TmuxAgent.Core.Projections.Replay;

namespace TmuxAgent.Tests.Replay;

/// <summary>The queue-id set keeps every key through reservation and growth, and knows no key it was not given.</summary>
public class KeySetTests
{
    [TestCase(0, 100_000)]      // grows from its first size, three quarters full at most
    [TestCase(50_000, 100_000)] // reserved too small (the first chunk guessed low), then grows
    [TestCase(200_000, 100_000)]
    public void Every_added_key_is_found_and_no_other(int reserve, int count)
    {
        var set = new KeySet();
        var rnd = new Random(reserve + count);
        var keys = Enumerable.Range(0, count).Select(_ => (ulong)rnd.NextInt64()).Append(0UL).Distinct().ToList();
        for (var i = 0; i < keys.Count; i++)
        {
            if (i == keys.Count / 3) set.Reserve(reserve); // reserving part-way keeps the keys already in
            set.Add(keys[i]).Should().BeTrue();
        }
        set.Add(keys[^2]).Should().BeFalse("it is in already");
        set.Count.Should().Be(keys.Count);
        keys.Should().OnlyContain(k => set.Contains(k));
        var present = keys.ToHashSet();
        Enumerable.Range(0, 10_000).Select(_ => (ulong)rnd.NextInt64()).Where(k => !present.Contains(k))
            .Should().NotContain(k => set.Contains(k));
    }

    [Test]
    public void Warming_changes_nothing()
    {
        var set = new KeySet();
        set.Add(42);
        set.Warm([new ReplayRecord { QueueId = 42, Flags = ReplayRecordFlags.HasQueueId }, new ReplayRecord { QueueId = 7, Flags = ReplayRecordFlags.HasQueueId }]);
        set.Contains(42).Should().BeTrue();
        set.Contains(7).Should().BeFalse();
        set.Count.Should().Be(1);
    }
}

/// <summary>Removing keys (the original forgets a queue id once its command drained it) keeps every other key findable.</summary>
public class KeySetRemoveTests
{
    [TestCase(1_000)]
    [TestCase(100_000)]
    public void Removed_keys_are_gone_and_the_others_stay(int count)
    {
        var set = new KeySet();
        var rnd = new Random(count);
        // Keys that share low bits collide into long probe runs, where a careless removal would lose the keys after it.
        var keys = Enumerable.Range(0, count).Select(i => i % 3 == 0 ? ((ulong)rnd.Next(1, 64) << 40) | (uint)i : (ulong)rnd.NextInt64())
            .Append(0UL).Distinct().ToList();
        foreach (var k in keys) set.Add(k);
        var removed = keys.Where((_, i) => i % 2 == 0).ToHashSet();

        foreach (var k in removed) set.Remove(k).Should().BeTrue();

        set.Count.Should().Be(keys.Count - removed.Count);
        keys.Should().OnlyContain(k => set.Contains(k) != removed.Contains(k));
        set.Remove(keys[0]).Should().BeFalse("it was removed already");
        foreach (var k in removed) set.Add(k).Should().BeTrue("a removed key can come back");
        keys.Should().OnlyContain(k => set.Contains(k));
    }
}
