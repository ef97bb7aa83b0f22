namespace TmuxAgent.Core.Store.Snapshots;

/// <summary>A snapshot as the store keeps it: opaque bytes under a name, with the shape they were written in and the
/// position they hold everything up to. The store never reads <see cref="Data"/>; the projection that wrote it does.</summary>
/// <param name="Name">What it is a snapshot of (<c>host/board</c>, <c>stream/branch-x</c>, …): one row per name.</param>
/// <param name="Shape">The state shape and fold it was written with (see <see cref="Projections.Snapshots.StateShape"/>); a
/// reader that expects another shape does not trust it.</param>
/// <param name="Position">For a projection of the all-stream: the global position of the last event it holds. For a
/// stream snapshot: the stream version of the last event it holds.</param>
/// <param name="Data">The encoded state.</param>
/// <param name="Taken">When it was written.</param>
public sealed record StoredSnapshot(string Name, string Shape, long Position, byte[] Data, DateTimeOffset Taken);
