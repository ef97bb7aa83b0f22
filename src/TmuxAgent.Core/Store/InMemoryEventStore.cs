namespace TmuxAgent.Core.Store;

/// <summary>An event store in memory, for tests and simulations. Thread-safe.</summary>
public sealed class InMemoryEventStore : IEventStore
{
    private readonly Lock _gate = new();
    private readonly List<StoredEvent> _all = [];
    private readonly Dictionary<string, List<StoredEvent>> _streams = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StoredEvent> _byId = new(StringComparer.Ordinal);
    private readonly List<StreamName> _order = [];

    /// <inheritdoc />
    public Task<AppendResult> AppendAsync(StreamName stream, ExpectedVersion expected, IReadOnlyList<NewStreamEvent> events, CancellationToken ct = default) =>
        Task.FromResult(AppendManyCore([new StreamAppend(stream, expected, events)])[0]);

    /// <inheritdoc />
    public Task<IReadOnlyList<AppendResult>> AppendManyAsync(IReadOnlyList<StreamAppend> appends, CancellationToken ct = default) =>
        Task.FromResult(AppendManyCore(appends));

    private IReadOnlyList<AppendResult> AppendManyCore(IReadOnlyList<StreamAppend> appends)
    {
        lock (_gate)
        {
            var mark = (Events: _all.Count, Streams: _order.Count);
            try
            {
                var results = new List<AppendResult>(appends.Count);
                foreach (var a in appends)
                {
                    var repeat = RepeatOf(a);
                    if (repeat is not null) { results.Add(repeat.Value); continue; }
                    StoreGuard.CheckVersion(a.Stream, a.Expected, VersionOf(a.Stream));
                    results.Add(Write(a.Stream, a.Events.Where(e => !_byId.ContainsKey(e.EventId)).ToList()));
                }
                return results;
            }
            catch
            {
                RollBack(mark.Events, mark.Streams);
                throw;
            }
        }
    }

    /// <summary>Undoes a failed batch: all or nothing.</summary>
    private void RollBack(int events, int streams)
    {
        for (var i = _all.Count - 1; i >= events; i--)
        {
            var e = _all[i];
            _byId.Remove(e.EventId);
            _streams[e.Stream.Value].RemoveAt(_streams[e.Stream.Value].Count - 1);
        }
        _all.RemoveRange(events, _all.Count - events);
        for (var i = _order.Count - 1; i >= streams; i--) _streams.Remove(_order[i].Value);
        _order.RemoveRange(streams, _order.Count - streams);
    }

    private AppendResult? RepeatOf(StreamAppend a)
    {
        if (a.Events.Count == 0 || !_byId.TryGetValue(a.Events[0].EventId, out _)) return null;
        var found = a.Events.Select(e => _byId.GetValueOrDefault(e.EventId)).ToList();
        if (found.Any(f => f is null || f.Stream != a.Stream))
            throw new InvalidOperationException($"Append to '{a.Stream}' repeats some event ids but not all of them.");
        return new AppendResult(VersionOf(a.Stream), found.Max(f => f!.Position));
    }

    private AppendResult Write(StreamName stream, IReadOnlyList<NewStreamEvent> events)
    {
        if (!_streams.TryGetValue(stream.Value, out var list))
        {
            _streams[stream.Value] = list = [];
            _order.Add(stream);
        }
        foreach (var e in events)
        {
            var stored = new StoredEvent(e.EventId, e.EventType, e.Data, e.Created, stream, list.Count, _all.Count + 1);
            list.Add(stored);
            _all.Add(stored);
            _byId[e.EventId] = stored;
        }
        return new AppendResult(list.Count - 1, _all.Count);
    }

    /// <summary>The index of the last event of <paramref name="list"/> (in position order) below <paramref name="before"/>, or -1.</summary>
    private static int IndexBefore(List<StoredEvent> list, long before)
    {
        int lo = 0, hi = list.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (list[mid].Position < before) lo = mid + 1; else hi = mid;
        }
        return lo - 1;
    }

    private long VersionOf(StreamName stream) => _streams.TryGetValue(stream.Value, out var l) ? l.Count - 1 : -1;

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredEvent>> ReadStreamAsync(StreamName stream, long fromVersion = 0, int maxCount = int.MaxValue, CancellationToken ct = default)
    {
        lock (_gate)
        {
            IReadOnlyList<StoredEvent> result = _streams.TryGetValue(stream.Value, out var list)
                ? list.Skip((int)Math.Min(fromVersion, int.MaxValue)).Take(maxCount).ToList()
                : [];
            return Task.FromResult(result);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredEvent>> ReadStreamBackwardAsync(StreamName stream, long? beforePosition, int maxCount,
        IReadOnlyCollection<string>? eventTypes = null, CancellationToken ct = default)
    {
        StoreGuard.CheckBackward(maxCount);
        var result = new List<StoredEvent>(Math.Min(maxCount, 256));
        lock (_gate)
        {
            if (!_streams.TryGetValue(stream.Value, out var list)) return Task.FromResult<IReadOnlyList<StoredEvent>>(result);
            for (var i = IndexBefore(list, beforePosition ?? long.MaxValue); i >= 0 && result.Count < maxCount; i--)
                if (eventTypes is null || eventTypes.Contains(list[i].EventType)) result.Add(list[i]);
        }
        return Task.FromResult<IReadOnlyList<StoredEvent>>(result);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredEvent>> ReadAllAsync(long afterPosition = 0, int maxCount = 4096, CancellationToken ct = default)
    {
        lock (_gate)
        {
            IReadOnlyList<StoredEvent> result = _all.Skip((int)Math.Min(afterPosition, int.MaxValue)).Take(maxCount).ToList();
            return Task.FromResult(result);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StreamName>> ListStreamsAsync(CancellationToken ct = default)
    {
        lock (_gate) return Task.FromResult<IReadOnlyList<StreamName>>(_order.ToList());
    }

    /// <inheritdoc />
    public Task<long> LastPositionAsync(CancellationToken ct = default)
    {
        lock (_gate) return Task.FromResult((long)_all.Count);
    }
}
