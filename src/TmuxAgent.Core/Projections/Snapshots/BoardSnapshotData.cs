using TmuxAgent.Core.Branches;

namespace TmuxAgent.Core.Projections.Snapshots;

/// <summary>What a <see cref="BranchBoard"/> snapshot holds: every branch's state and stream version, and the global
/// position of the last event folded (<see cref="BranchBoard.ToSnapshot"/>, <see cref="BranchBoard.FromSnapshot"/>).</summary>
/// <param name="Position">The board's <see cref="BranchBoard.Position"/>.</param>
/// <param name="Branches">Each branch, by name.</param>
public sealed record BoardSnapshotData(long Position, IReadOnlyList<BranchSnapshotEntry> Branches);

/// <summary>One branch of a board snapshot.</summary>
/// <param name="State">Its state.</param>
/// <param name="Version">The version of its stream the state was folded from (-1: none known).</param>
public sealed record BranchSnapshotEntry(BranchState State, long Version);
