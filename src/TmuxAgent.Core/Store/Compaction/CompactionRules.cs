using TmuxAgent.Core.Store.Snapshots;

namespace TmuxAgent.Core.Store.Compaction;

/// <summary>Rules every backend's <see cref="ICompactableStore.CompactAsync"/> applies the same way.</summary>
public static class CompactionRules
{
    /// <summary>The name of the marker every compaction leaves: its position is the highest position deleted so far, so a
    /// reader that folds the all-stream sees that a compaction happened and looks for stream snapshots beyond what it holds.</summary>
    public const string MarkerName = "store/compacted";

    /// <summary>The marker after a compaction that deleted up to <paramref name="highestDeleted"/>, or null when it should
    /// stay as it is (<paramref name="held"/> reaches as far, or nothing was deleted).</summary>
    public static StoredSnapshot? Marker(StoredSnapshot? held, long highestDeleted, IReadOnlyList<StreamCut> cuts) =>
        highestDeleted == 0 || cuts.Count == 0 || held?.Position >= highestDeleted
            ? null
            : new StoredSnapshot(MarkerName, "marker", highestDeleted, [], cuts[0].Snapshot.Taken);

    /// <summary>The all-stream snapshots (every one that is not a stream snapshot) that hold less than a compaction
    /// deleting events up to position <paramref name="highestDeleted"/> removed: their tail would miss events.</summary>
    public static IEnumerable<StoredSnapshot> StaleAllStreamSnapshots(IEnumerable<StoredSnapshot> snapshots, long highestDeleted) =>
        snapshots.Where(s => !s.Name.StartsWith(StreamSnapshots.Prefix, StringComparison.Ordinal) && s.Name != MarkerName && s.Position < highestDeleted);
}
