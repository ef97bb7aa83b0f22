using TmuxAgent.Core.Store.Snapshots;

namespace TmuxAgent.Core.Store.Compaction;

/// <summary>Rules every backend's <see cref="ICompactableStore.CompactAsync"/> applies the same way.</summary>
public static class CompactionRules
{
    /// <summary>The all-stream snapshots (every one that is not a stream snapshot) that hold less than a compaction
    /// deleting events up to position <paramref name="highestDeleted"/> removed: their tail would miss events.</summary>
    public static IEnumerable<StoredSnapshot> StaleAllStreamSnapshots(IEnumerable<StoredSnapshot> snapshots, long highestDeleted) =>
        snapshots.Where(s => !s.Name.StartsWith(StreamSnapshots.Prefix, StringComparison.Ordinal) && s.Position < highestDeleted);
}
