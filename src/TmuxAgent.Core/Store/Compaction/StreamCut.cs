using TmuxAgent.Core.Store.Snapshots;

namespace TmuxAgent.Core.Store.Compaction;

/// <summary>One stream's part of a compaction: its events up to <paramref name="UpToVersion"/> are deleted and
/// <paramref name="Snapshot"/> (the stream's state folded up to that version, <see cref="StoredSnapshot.Position"/> =
/// <paramref name="UpToVersion"/>) takes their place.</summary>
public sealed record StreamCut(StreamName Stream, long UpToVersion, StoredSnapshot Snapshot);

/// <summary>What a compaction removed.</summary>
/// <param name="EventsDeleted">Events deleted.</param>
/// <param name="SnapshotsDropped">All-stream snapshots dropped because they held less than the cut removed.</param>
public readonly record struct CompactionResult(long EventsDeleted, int SnapshotsDropped);

/// <summary>A store whose old events can be replaced by stream snapshots (<c>store compact</c>).</summary>
public interface ICompactableStore : IEventStore
{
    /// <summary>In one transaction: for each cut, saves its stream snapshot (unless the stored one already reaches
    /// further) and deletes the stream's events up to the cut's version; then drops every snapshot that is not a
    /// stream snapshot (<see cref="StreamSnapshots.Prefix"/>) and whose position is below the highest position
    /// deleted, since the tail it would be read with lost events it does not hold; and moves the marker
    /// (<see cref="CompactionRules.MarkerName"/>) up to that position. Stream versions and positions
    /// are never reused: expected-version checks and readers tailing the all-stream go on as before.</summary>
    Task<CompactionResult> CompactAsync(IReadOnlyList<StreamCut> cuts, CancellationToken ct = default);
}
