namespace TmuxAgent.Core.Projections.Replay;

/// <summary>
/// A set of <see cref="Utf8Key"/> fingerprints (the queue ids seen): one flat array with linear probing, no node per
/// key. The keys are already well mixed, so their low bits are the slot.
/// </summary>
internal sealed class KeySet
{
    private ulong[] _slots = new ulong[1 << 12]; // 0: empty
    private bool _hasZero;

    public int Count { get; private set; }

    /// <summary>Makes room for <paramref name="keys"/> keys at once, so the set does not rehash while it fills
    /// (growing a big table step by step touched twice its final memory and rehashed every key a few times).</summary>
    public void Reserve(int keys)
    {
        var slots = (int)Math.Min(1 << 30, System.Numerics.BitOperations.RoundUpToPowerOf2((ulong)Math.Max(1, 4L * keys / 3 + 1)));
        if (slots <= _slots.Length) return;
        var bigger = new ulong[slots];
        foreach (var k in _slots)
            if (k != 0) Insert(bigger, k);
        _slots = bigger;
    }

    public bool Add(ulong key)
    {
        if (key == 0)
        {
            if (_hasZero) return false;
            _hasZero = true;
            Count++;
            return true;
        }
        if (4L * (Count + 1) > 3L * _slots.Length) Grow(); // at most three quarters full: half the memory of half full, still short probes
        if (!Insert(_slots, key)) return false;
        Count++;
        return true;
    }

    /// <summary>Takes <paramref name="key"/> out; false when it was not in. The slots after it in its probe run move
    /// back (backward-shift deletion), so lookups stay correct without tombstones.</summary>
    public bool Remove(ulong key)
    {
        if (key == 0)
        {
            if (!_hasZero) return false;
            _hasZero = false;
            Count--;
            return true;
        }
        var slots = _slots;
        var mask = slots.Length - 1;
        var hole = (int)key & mask;
        while (slots[hole] != key)
        {
            if (slots[hole] == 0) return false;
            hole = (hole + 1) & mask;
        }
        for (var i = (hole + 1) & mask; slots[i] != 0; i = (i + 1) & mask)
        {
            var home = (int)slots[i] & mask;
            // The key at i may move into the hole unless its home lies cyclically in (hole, i].
            if (hole <= i ? home > hole && home <= i : home > hole || home <= i) continue;
            slots[hole] = slots[i];
            hole = i;
        }
        slots[hole] = 0;
        Count--;
        return true;
    }

    public bool Contains(ulong key)
    {
        if (key == 0) return _hasZero;
        var mask = _slots.Length - 1;
        for (var i = (int)key & mask; ; i = (i + 1) & mask)
        {
            var s = _slots[i];
            if (s == key) return true;
            if (s == 0) return false;
        }
    }

    /// <summary>Loads the slots of the records' queue ids ahead of use: independent loads overlap their cache
    /// misses, so the in-order fold that follows finds them in the cache (the set outgrows the caches on big logs).</summary>
    public void Warm(ReadOnlySpan<ReplayRecord> records)
    {
        var slots = _slots;
        var mask = slots.Length - 1;
        ulong sink = 0;
        foreach (ref readonly var r in records)
            if (r.Has(ReplayRecordFlags.HasQueueId)) sink ^= slots[(int)r.QueueId & mask];
        _sink = sink;
    }

    private ulong _sink;

    private static bool Insert(ulong[] slots, ulong key)
    {
        var mask = slots.Length - 1;
        for (var i = (int)key & mask; ; i = (i + 1) & mask)
        {
            var s = slots[i];
            if (s == key) return false;
            if (s == 0) { slots[i] = key; return true; }
        }
    }

    private void Grow() => Reserve(_slots.Length);
}
