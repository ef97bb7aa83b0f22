using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;
using TmuxAgent.Host.Tmux;

namespace TmuxAgent.Host.Typing;

/// <summary>The built-in delivery: <see cref="PaneTyper"/> (literal <c>send-keys</c>, the exit-status trailer in shell
/// mode), then the typed text must show in the pane within <see cref="ReceiptWindow"/>.</summary>
/// <param name="commandTimeoutSeconds"><c>command_timeout_seconds</c> of the trailer.</param>
/// <param name="captureDepth">How many lines of a pane are captured.</param>
public sealed class SendKeysDelivery(double commandTimeoutSeconds, Func<PaneTarget, int> captureDepth) : ICommandDelivery
{
    /// <summary>How long a typed command may take to show in the pane before its delivery counts as failed.</summary>
    public static readonly TimeSpan ReceiptWindow = TimeSpan.FromSeconds(1.5);

    /// <inheritdoc />
    public async Task<DeliveryReceipt> DeliverAsync(PaneTarget pane, CommandDispatched d, CancellationToken ct)
    {
        await PaneTyper.TypeAsync(pane, d.Spec, d.CommandId, commandTimeoutSeconds, ct).ConfigureAwait(false);
        var typed = PaneTyper.TypedText(d.Spec, d.CommandId, commandTimeoutSeconds);
        var seen = typed is null || await PaneTyper.SeenAsync(pane, typed, captureDepth(pane), ReceiptWindow, ct).ConfigureAwait(false);
        return new DeliveryReceipt(seen, seen ? null : "typed text not seen in the pane");
    }

    /// <inheritdoc />
    public bool ShowsIn(string paneText, CommandRef command)
    {
        var typed = PaneTyper.TypedText(command.Spec, command.CommandId, commandTimeoutSeconds) ?? command.Spec.Display;
        var needle = typed.Length > 200 ? typed[..200] : typed;
        return paneText.Contains(needle, StringComparison.Ordinal);
    }
}
