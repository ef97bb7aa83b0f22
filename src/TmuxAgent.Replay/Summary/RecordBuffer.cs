using System.Buffers;

using TmuxAgent.Core.Projections.Replay;

namespace TmuxAgent.Replay.Summary;

/// <summary>
/// A growable run of <see cref="ReplayRecord"/>s in a pooled array: the chunks of a whole-file scan reuse the same
/// few arrays instead of touching fresh memory for every chunk (page faults were a tenth of the scan's time).
/// </summary>
internal sealed class RecordBuffer(int capacity = 1024) : IDisposable
{
    private ReplayRecord[] _items = ArrayPool<ReplayRecord>.Shared.Rent(Math.Max(16, capacity));

    public int Count { get; private set; }

    public Span<ReplayRecord> Span => _items.AsSpan(0, Count);

    public void Add(in ReplayRecord r)
    {
        if (Count == _items.Length) Grow();
        _items[Count++] = r;
    }

    public void Reverse() => Span.Reverse();

    private void Grow()
    {
        var bigger = ArrayPool<ReplayRecord>.Shared.Rent(_items.Length * 2);
        Span.CopyTo(bigger);
        ArrayPool<ReplayRecord>.Shared.Return(_items);
        _items = bigger;
    }

    /// <summary>Gives the array back to the pool; the buffer is empty afterwards.</summary>
    public void Dispose()
    {
        if (_items.Length == 0) return;
        ArrayPool<ReplayRecord>.Shared.Return(_items);
        _items = [];
        Count = 0;
    }
}
