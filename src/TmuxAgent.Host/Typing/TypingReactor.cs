using TmuxAgent.Core.Branches;
using TmuxAgent.Host.Application;
using TmuxAgent.Host.LocalBus;
using TmuxAgent.Host.Panes;
using TmuxAgent.Host.Reactors;
using TmuxAgent.Host.Tmux;

namespace TmuxAgent.Host.Typing;

/// <summary>
/// Dispatch → type → delivery receipt: each recorded <see cref="CommandDispatched"/> is delivered into its pane
/// (<see cref="ICommandDelivery"/>), written to LocalBus <c>commands.jsonl</c>, and its receipt (delivered, or failed
/// with the reason) is handled as a new input. Nothing is typed in dry-run, and only what the store recorded is typed.
/// </summary>
public sealed class TypingReactor(PaneObserver panes, ICommandDelivery delivery, LocalBusOutbox bus, bool dryRun) : IReactor
{
    /// <inheritdoc />
    public async Task ReactAsync(Handled handled, ReactionContext context, CancellationToken ct)
    {
        if (dryRun) return;
        foreach (var d in handled.Events.OfType<CommandDispatched>())
        {
            var receipt = await DeliverAsync(d, context.Pane).ConfigureAwait(false);
            await context.Inputs.HandleAsync(d.Branch, receipt, context.Pane, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task<BranchInput> DeliverAsync(CommandDispatched d, PaneTarget? pane)
    {
        try
        {
            pane ??= await panes.LocateAsync(d.Session, CancellationToken.None).ConfigureAwait(false);
            if (pane is null) return new ReportDelivery(d.CommandId, false, $"tmux session {d.Session} not found");
            panes.Touched(pane);
            var receipt = await delivery.DeliverAsync(pane, d, CancellationToken.None).ConfigureAwait(false);
            if (receipt.Agent?.Submission.Typed != false) bus.Command(d);
            return receipt.ToInput(d.CommandId);
        }
        catch (TmuxException e) { return new ReportDelivery(d.CommandId, false, e.Message); }
    }
}
