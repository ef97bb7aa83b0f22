using TmuxAgent.Core.Branches;
using TmuxAgent.Host.Application;
using TmuxAgent.Host.Tmux;

namespace TmuxAgent.Host.Reactors;

/// <summary>Observe → handle → react: every input goes through <see cref="BranchService.HandleAsync"/>, then each
/// reactor acts on what was appended, in order.</summary>
public sealed class Reactions(BranchService service, IReadOnlyList<IReactor> reactors) : IBranchInputs
{
    /// <inheritdoc />
    public async Task<Handled> HandleAsync(string branch, BranchInput input, PaneTarget? pane, CancellationToken ct = default)
    {
        var handled = await service.HandleAsync(branch, input, ct).ConfigureAwait(false);
        if (!handled.Recorded) return handled;
        var context = new ReactionContext(pane, this);
        foreach (var reactor in reactors) await reactor.ReactAsync(handled, context, ct).ConfigureAwait(false);
        return handled;
    }
}
