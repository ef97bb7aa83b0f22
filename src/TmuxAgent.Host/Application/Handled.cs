using TmuxAgent.Core.Branches;

namespace TmuxAgent.Host.Application;

/// <summary>How handling one input ended.</summary>
public enum HandleOutcome
{
    /// <summary>The input's events were appended to the branch's stream.</summary>
    Recorded,

    /// <summary>Decide produced no event: nothing to append.</summary>
    Nothing,

    /// <summary>Other writers appended to the branch first, as often as the input may be decided again; nothing of it was
    /// recorded (a conflict, not a store outage).</summary>
    Conflict,
}

/// <summary>What <see cref="BranchService.HandleAsync"/> did with one input: the events it appended (empty unless
/// <see cref="HandleOutcome.Recorded"/>) and the branch's state before and after them.</summary>
/// <param name="Branch">The branch.</param>
/// <param name="Outcome">Recorded, nothing, or a conflict.</param>
/// <param name="Before">The state the events were decided on.</param>
/// <param name="Events">The events appended.</param>
/// <param name="State">The branch's state now (after the events; after a conflict, as reloaded from its stream).</param>
public sealed record Handled(string Branch, HandleOutcome Outcome, BranchState Before, IReadOnlyList<BranchEvent> Events, BranchState State)
{
    /// <summary>Whether events were appended.</summary>
    public bool Recorded => Outcome == HandleOutcome.Recorded;

    /// <summary>Each appended event with the branch's state right after it.</summary>
    public IEnumerable<(BranchEvent Event, BranchState After)> Steps()
    {
        var s = Before;
        foreach (var e in Events)
        {
            s = BranchEvolver.Evolve(s, e);
            yield return (e, s);
        }
    }
}
