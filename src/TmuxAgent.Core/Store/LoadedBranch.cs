using TmuxAgent.Core.Branches;

namespace TmuxAgent.Core.Store;

/// <summary>A branch's state with the version of its stream it was folded from: what the next append expects.</summary>
/// <param name="State">The state.</param>
/// <param name="Version">The stream's version after its last event folded in (<see cref="ExpectedVersion.NoStream"/>: none).</param>
public sealed record LoadedBranch(BranchState State, ExpectedVersion Version)
{
    /// <summary>A branch whose stream does not exist yet.</summary>
    public static LoadedBranch New(string branch) => new(BranchState.New(branch), ExpectedVersion.NoStream);
}
