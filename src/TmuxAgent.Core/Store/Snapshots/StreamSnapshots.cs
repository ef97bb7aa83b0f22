using TmuxAgent.Core.Projections.Snapshots;

namespace TmuxAgent.Core.Store.Snapshots;

/// <summary>
/// A branch stream's snapshot, left by <c>store compact</c> in place of the events it deleted: the branch's state folded
/// up to a version (<see cref="StoredSnapshot.Position"/>), named <c>stream/&lt;stream&gt;</c>. Loading a branch or a
/// board starts from it and reads the stream's events after that version. The events it replaces are gone, so it is
/// read whatever shape it was written in; a damaged one is an error (<see cref="DamagedSnapshotException"/>), never
/// skipped: the state would silently lose its history.
/// </summary>
public static class StreamSnapshots
{
    /// <summary>The name prefix of stream snapshots.</summary>
    public const string Prefix = "stream/";

    /// <summary>The snapshot name of <paramref name="stream"/>.</summary>
    public static string NameOf(StreamName stream) => Prefix + stream.Value;

    /// <summary>The snapshot of <paramref name="branch"/> (its state and the stream version it was folded to).</summary>
    public static StoredSnapshot Of(LoadedBranch branch, DateTimeOffset taken) =>
        new(NameOf(StreamName.ForBranch(branch.State.Branch)), StateShape.Name, branch.Version.Value,
            SnapshotCodec.Encode(branch.State, SnapshotJsonContext.Default.BranchState), taken);

    /// <summary>The branch a stream snapshot holds.</summary>
    /// <exception cref="DamagedSnapshotException">It cannot be read.</exception>
    public static LoadedBranch Decode(StoredSnapshot snapshot)
    {
        if (!SnapshotCodec.TryDecode(snapshot.Data, SnapshotJsonContext.Default.BranchState, out var state, out var why))
            throw new DamagedSnapshotException(snapshot.Name, why);
        return new LoadedBranch(state!, ExpectedVersion.Exactly(snapshot.Position));
    }

    /// <summary>The snapshot of <paramref name="stream"/>, or null when it was never compacted.</summary>
    public static async Task<LoadedBranch?> LoadAsync(ISnapshotStore store, StreamName stream, CancellationToken ct = default) =>
        await store.LoadSnapshotAsync(NameOf(stream), ct).ConfigureAwait(false) is { } s ? Decode(s) : null;

    /// <summary>Every stream snapshot of <paramref name="store"/>.</summary>
    public static async Task<IReadOnlyList<LoadedBranch>> LoadAllAsync(ISnapshotStore store, CancellationToken ct = default) =>
        (await store.LoadSnapshotsAsync(Prefix, ct).ConfigureAwait(false)).Select(Decode).ToList();
}

/// <summary>A stream snapshot that cannot be read: the history it replaced is only in the compaction's archive.</summary>
public sealed class DamagedSnapshotException(string name, string why)
    : Exception($"snapshot '{name}' is damaged ({why}); the events it replaced are in the JSONL archive `store compact` wrote")
{
    /// <summary>The snapshot's name.</summary>
    public string Name { get; } = name;
}
