using TmuxAgent.Core.Store.Snapshots;
using TmuxAgent.Core.Store.Compaction;

namespace TmuxAgent.Core.Store;

/// <summary>An event store in memory, for tests and simulations. Thread-safe.</summary>
public sealed class InMemoryEventStore : ICompactableStore
{
    private readonly Lock _gate = new();
    private readonly List<StoredEvent> _all = [];
    private readonly Dictionary<string, List<StoredEvent>> _streams = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _versions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StoredEvent> _byId = new(StringComparer.Ordinal);
    private readonly List<StreamName> _order = [];
    private readonly SortedDictionary<string, StoredSnapshot> _snapshots = new(StringComparer.Ordinal);
    private long _lastPosition;

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
            var mark = (Events: _all.Count, Streams: _order.Count, Position: _lastPosition, Versions: new Dictionary<string, long>(_versions));
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
                RollBack(mark.Events, mark.Streams, mark.Position, mark.Versions);
                throw;
            }
        }
    }

    /// <summary>Undoes a failed batch: all or nothing.</summary>
    private void RollBack(int events, int streams, long position, Dictionary<string, long> versions)
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
        _lastPosition = position;
        _versions.Clear();
        foreach (var (k, v) in versions) _versions[k] = v;
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
        var version = VersionOf(stream);
        foreach (var e in events)
        {
            var stored = new StoredEvent(e.EventId, e.EventType, e.Data, e.Created, stream, ++version, ++_lastPosition);
            list.Add(stored);
            _all.Add(stored);
            _byId[e.EventId] = stored;
        }
        _versions[stream.Value] = version;
        return new AppendResult(version, _lastPosition);
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

    private long VersionOf(StreamName stream) => _versions.GetValueOrDefault(stream.Value, -1);

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredEvent>> ReadStreamAsync(StreamName stream, long fromVersion = 0, int maxCount = int.MaxValue, CancellationToken ct = default)
    {
        lock (_gate)
        {
            IReadOnlyList<StoredEvent> result = _streams.TryGetValue(stream.Value, out var list)
                ? list.Skip(FirstAtOrAfter(list, e => e.Version, fromVersion)).Take(maxCount).ToList()
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
            IReadOnlyList<StoredEvent> result = _all.Skip(FirstAtOrAfter(_all, e => e.Position, afterPosition + 1)).Take(maxCount).ToList();
            return Task.FromResult(result);
        }
    }

    /// <summary>The index of the first event whose key is at least <paramref name="key"/> (the list is sorted by it).</summary>
    private static int FirstAtOrAfter(List<StoredEvent> list, Func<StoredEvent, long> keyOf, long key)
    {
        int lo = 0, hi = list.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (keyOf(list[mid]) < key) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StreamName>> ListStreamsAsync(CancellationToken ct = default)
    {
        lock (_gate) return Task.FromResult<IReadOnlyList<StreamName>>(_order.ToList());
    }

    /// <inheritdoc />
    public Task<long> LastPositionAsync(CancellationToken ct = default)
    {
        lock (_gate) return Task.FromResult(_all.Count == 0 ? 0 : _all[^1].Position);
    }

    /// <inheritdoc />
    public Task SaveSnapshotAsync(StoredSnapshot snapshot, CancellationToken ct = default)
    {
        lock (_gate) _snapshots[snapshot.Name] = snapshot with { Data = snapshot.Data.ToArray() };
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<StoredSnapshot?> LoadSnapshotAsync(string name, CancellationToken ct = default)
    {
        lock (_gate) return Task.FromResult(_snapshots.GetValueOrDefault(name));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredSnapshot>> LoadSnapshotsAsync(string prefix, CancellationToken ct = default)
    {
        lock (_gate)
            return Task.FromResult<IReadOnlyList<StoredSnapshot>>(
                _snapshots.Values.Where(s => s.Name.StartsWith(prefix, StringComparison.Ordinal)).ToList());
    }

    /// <inheritdoc />
    public Task<CompactionResult> CompactAsync(IReadOnlyList<StreamCut> cuts, CancellationToken ct = default)
    {
        lock (_gate)
        {
            long deleted = 0, highest = 0;
            foreach (var cut in cuts)
            {
                if (!_snapshots.TryGetValue(cut.Snapshot.Name, out var held) || held.Position < cut.UpToVersion)
                    _snapshots[cut.Snapshot.Name] = cut.Snapshot;
                if (!_streams.TryGetValue(cut.Stream.Value, out var list)) continue;
                var gone = list.Where(e => e.Version <= cut.UpToVersion).ToList();
                list.RemoveAll(e => e.Version <= cut.UpToVersion);
                foreach (var e in gone) _byId.Remove(e.EventId);
                deleted += gone.Count;
                if (gone.Count > 0) highest = Math.Max(highest, gone.Max(e => e.Position));
            }
            _all.RemoveAll(e => !_byId.ContainsKey(e.EventId));
            var dropped = CompactionRules.StaleAllStreamSnapshots(_snapshots.Values, highest).ToList();
            foreach (var s in dropped) _snapshots.Remove(s.Name);
            if (CompactionRules.Marker(_snapshots.GetValueOrDefault(CompactionRules.MarkerName), highest, cuts) is { } marker) _snapshots[marker.Name] = marker;
            return Task.FromResult(new CompactionResult(deleted, dropped.Count));
        }
    }
}
