namespace TmuxAgent.Core.Store.Snapshots;

/// <summary>Where projections keep their snapshots: part of every event store (a <c>snapshots</c> table in SQLite and
/// PostgreSQL, a dictionary in memory), so a snapshot lives and is backed up with the events it summarises.</summary>
public interface ISnapshotStore
{
    /// <summary>Writes <paramref name="snapshot"/>, replacing the one of the same name.</summary>
    Task SaveSnapshotAsync(StoredSnapshot snapshot, CancellationToken ct = default);

    /// <summary>The snapshot named <paramref name="name"/>, or null.</summary>
    Task<StoredSnapshot?> LoadSnapshotAsync(string name, CancellationToken ct = default);

    /// <summary>Every snapshot whose name starts with <paramref name="prefix"/>, by name.</summary>
    Task<IReadOnlyList<StoredSnapshot>> LoadSnapshotsAsync(string prefix, CancellationToken ct = default);
}
