using TmuxAgent.Core.Branches;
using TmuxAgent.Host.Application;
using TmuxAgent.Host.Tmux;

namespace TmuxAgent.Host.Reactors;

/// <summary>
/// Acts on the events one input appended, one concern each (typing, notifying, the audit mirror, metrics and status, …).
/// Reactors run in their order, each over all the events of one <see cref="Handled"/>; events refused by the store
/// (a conflict) never reach them. A reactor that produces a new fact hands it to <see cref="ReactionContext.Inputs"/>.
/// </summary>
public interface IReactor
{
    /// <summary>Acts on <paramref name="handled"/>'s events.</summary>
    Task ReactAsync(Handled handled, ReactionContext context, CancellationToken ct);
}

/// <summary>What a reactor may use besides the events.</summary>
/// <param name="Pane">The branch's pane when the caller just looked at it (null: find it by session).</param>
/// <param name="Inputs">Where new facts go (a delivery receipt): handled and reacted on like any input.</param>
public sealed record ReactionContext(PaneTarget? Pane, IBranchInputs Inputs);

/// <summary>Handles an input (<see cref="BranchService.HandleAsync"/>) and lets the reactors act on its events.</summary>
public interface IBranchInputs
{
    /// <summary>Handles <paramref name="input"/> on <paramref name="branch"/>, then reacts; <paramref name="pane"/> is the
    /// branch's pane when the caller knows it.</summary>
    Task<Handled> HandleAsync(string branch, BranchInput input, PaneTarget? pane, CancellationToken ct = default);
}
