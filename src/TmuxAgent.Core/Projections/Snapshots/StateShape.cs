namespace TmuxAgent.Core.Projections.Snapshots;

/// <summary>
/// The shape of the folded state a snapshot holds, written next to every snapshot.
/// <para><b>Rule: bump <see cref="Version"/> in the same change</b> whenever <see cref="Branches.BranchEvolver.Evolve"/>
/// folds an event differently, or <see cref="Branches.BranchState"/> or a record it holds (<see cref="Branches.BranchCounters"/>,
/// <see cref="Commands.CommandRef"/>, <see cref="Commands.CommandSpec"/>, <see cref="Tasks.TaskPlan"/>, the summary, stuck
/// and delegate records) or <see cref="BoardSnapshotData"/> changes: a host that finds a board snapshot of another
/// shape does not trust it and folds the board from the events again (slower once, never wrong). A test
/// (<c>StateShapeTests</c>) fails when the serialized shape of a fully populated state changes without a bump.</para>
/// Stream snapshots left by <c>store compact</c> replace events that are gone, so they are read whatever their shape
/// (missing members take their defaults); a change that cannot read them that way needs a migration of those rows.
/// </summary>
public static class StateShape
{
    /// <summary>The version of the state shape and fold this build writes.</summary>
    public const int Version = 3;

    /// <summary>The shape as stored (<c>state-3</c>).</summary>
    public static string Name => "state-" + Version;
}
