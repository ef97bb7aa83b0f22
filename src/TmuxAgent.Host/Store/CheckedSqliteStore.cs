using TmuxAgent.Core.Store;
using TmuxAgent.Core.Store.Snapshots;
using TmuxAgent.Core.Store.Compaction;
using TmuxAgent.Core.Store.Sqlite;

namespace TmuxAgent.Host.Store;

/// <summary>The daemon's SQLite store: every read and append first runs <see cref="SqliteFileCheck"/> on the file, so a
/// file damaged under the running host fails loudly (a store fault) instead of being written on blindly.</summary>
public sealed class CheckedSqliteStore(SqliteEventStore inner) : ICompactableStore, IDisposable
{
    /// <summary>The store checked.</summary>
    public SqliteEventStore Inner { get; } = inner;

    private void Check() => SqliteFileCheck.Check(Inner.Path);

    /// <inheritdoc />
    public Task<AppendResult> AppendAsync(StreamName stream, ExpectedVersion expected, IReadOnlyList<NewStreamEvent> events, CancellationToken ct = default)
    {
        Check();
        return Inner.AppendAsync(stream, expected, events, ct);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<AppendResult>> AppendManyAsync(IReadOnlyList<StreamAppend> appends, CancellationToken ct = default)
    {
        Check();
        return Inner.AppendManyAsync(appends, ct);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredEvent>> ReadStreamAsync(StreamName stream, long fromVersion = 0, int maxCount = int.MaxValue, CancellationToken ct = default)
    {
        Check();
        return Inner.ReadStreamAsync(stream, fromVersion, maxCount, ct);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredEvent>> ReadStreamBackwardAsync(StreamName stream, long? beforePosition, int maxCount,
        IReadOnlyCollection<string>? eventTypes = null, CancellationToken ct = default)
    {
        Check();
        return Inner.ReadStreamBackwardAsync(stream, beforePosition, maxCount, eventTypes, ct);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredEvent>> ReadAllAsync(long afterPosition = 0, int maxCount = 4096, CancellationToken ct = default)
    {
        Check();
        return Inner.ReadAllAsync(afterPosition, maxCount, ct);
    }

    /// <inheritdoc />
    public ValueTask<EventPage> ReadPageAsync(long afterPosition, int maxCount, EventPage? reuse = null, CancellationToken ct = default)
    {
        Check();
        return Inner.ReadPageAsync(afterPosition, maxCount, reuse, ct);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StreamName>> ListStreamsAsync(CancellationToken ct = default)
    {
        Check();
        return Inner.ListStreamsAsync(ct);
    }

    /// <inheritdoc />
    public Task<long> LastPositionAsync(CancellationToken ct = default)
    {
        Check();
        return Inner.LastPositionAsync(ct);
    }

    /// <inheritdoc />
    public Task SaveSnapshotAsync(StoredSnapshot snapshot, CancellationToken ct = default)
    {
        Check();
        return Inner.SaveSnapshotAsync(snapshot, ct);
    }

    /// <inheritdoc />
    public Task<StoredSnapshot?> LoadSnapshotAsync(string name, CancellationToken ct = default)
    {
        Check();
        return Inner.LoadSnapshotAsync(name, ct);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredSnapshot>> LoadSnapshotsAsync(string prefix, CancellationToken ct = default)
    {
        Check();
        return Inner.LoadSnapshotsAsync(prefix, ct);
    }

    /// <inheritdoc />
    public Task<CompactionResult> CompactAsync(IReadOnlyList<StreamCut> cuts, CancellationToken ct = default)
    {
        Check();
        return Inner.CompactAsync(cuts, ct);
    }

    /// <inheritdoc />
    public void Dispose() => Inner.Dispose();
}
