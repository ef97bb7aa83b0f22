using Microsoft.Extensions.Logging;
using TmuxAgent.Core.Projections.Snapshots;
using TmuxAgent.Core.Store;
using TmuxAgent.Core.Store.Snapshots;

namespace TmuxAgent.Host.Snapshots;

/// <summary>
/// Reads and writes the host snapshot, so a start reads the snapshot and the tail of the all-stream after its position
/// instead of every event. Written after a start that folded many events, at the end of a cycle once
/// <see cref="EveryEvents"/> events or <see cref="EveryInterval"/> have passed since the last one, and at a clean stop —
/// never inside an append. A snapshot that cannot be trusted (another shape, damaged, unreadable, or ahead of the store)
/// is logged with the reason and ignored: the board is folded from the events, and the next snapshot replaces it.
/// A failed write is logged and retried at the next due point; it never fails a cycle.
/// </summary>
public sealed class BoardSnapshots(ISnapshotStore store, IEventReader reader, TimeProvider time, ILogger logger)
{
    /// <summary>Events folded since the last snapshot that make a new one due.</summary>
    public const long EveryEvents = 10_000;

    /// <summary>Time since the last snapshot that makes a new one due (when anything was folded).</summary>
    public static readonly TimeSpan EveryInterval = TimeSpan.FromMinutes(10);

    private long _savedPosition = -1;
    private DateTimeOffset _savedAt = DateTimeOffset.MinValue;

    /// <summary>The stored snapshot if it can be trusted, else null (the reason logged).</summary>
    public async Task<HostSnapshotData?> RestoreAsync(CancellationToken ct)
    {
        var stored = await store.LoadSnapshotAsync(HostSnapshot.Name, ct).ConfigureAwait(false);
        if (stored is null) return null;
        var why = await WhyNotTrustedAsync(stored, ct).ConfigureAwait(false);
        if (why is null && SnapshotCodec.TryDecode(stored.Data, HostSnapshotJsonContext.Default.HostSnapshotData, out var data, out why))
        {
            if (data!.Board.Position == stored.Position)
            {
                (_savedPosition, _savedAt) = (stored.Position, time.GetUtcNow());
                return data;
            }
            why = $"its data holds position {data.Board.Position}, its row {stored.Position}";
        }
        logger.LogWarning("snapshot {Name} (shape {Shape}, position {Position}, taken {Taken:O}) ignored: {Why}; folding the board from the events",
            stored.Name, stored.Shape, stored.Position, stored.Taken, why);
        return null;
    }

    private async Task<string?> WhyNotTrustedAsync(StoredSnapshot stored, CancellationToken ct)
    {
        if (stored.Shape != HostSnapshot.Shape) return $"written for shape {stored.Shape}, this build folds {HostSnapshot.Shape}";
        var last = await reader.LastPositionAsync(ct).ConfigureAwait(false);
        return stored.Position > last ? $"it is ahead of the store (position {stored.Position}, the store ends at {last}: another or a rebuilt store)" : null;
    }

    /// <summary>Writes a snapshot when one is due (see the class summary) or when <paramref name="force"/> and anything
    /// changed since the last.</summary>
    public async Task SaveIfDueAsync(Func<HostSnapshotData> take, long position, bool force, CancellationToken ct = default)
    {
        if (position == _savedPosition) return;
        var due = force || position - Math.Max(_savedPosition, 0) >= EveryEvents || time.GetUtcNow() - _savedAt >= EveryInterval;
        if (!due) return;
        var now = time.GetUtcNow();
        try
        {
            var data = take();
            await store.SaveSnapshotAsync(new StoredSnapshot(HostSnapshot.Name, HostSnapshot.Shape, data.Board.Position,
                SnapshotCodec.Encode(data, HostSnapshotJsonContext.Default.HostSnapshotData), now), ct).ConfigureAwait(false);
            (_savedPosition, _savedAt) = (data.Board.Position, now);
            logger.LogDebug("snapshot {Name} written at position {Position}", HostSnapshot.Name, data.Board.Position);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _savedAt = now;   // retried at the next due point, not at every cycle
            logger.LogWarning("snapshot {Name} not written: {Message}", HostSnapshot.Name, e.Message);
        }
    }
}
