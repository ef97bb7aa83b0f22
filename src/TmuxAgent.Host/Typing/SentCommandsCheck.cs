using Microsoft.Extensions.Logging;
using TmuxAgent.Core.Branches;
using TmuxAgent.Host.Application;
using TmuxAgent.Host.Reactors;
using TmuxAgent.Host.Tmux;

namespace TmuxAgent.Host.Typing;

/// <summary>What a pane's text tells about commands already sent, handed in as facts: receipts of commands recorded as
/// dispatched without one (a host stopped in between), and exit statuses of running shell commands.</summary>
public sealed class SentCommandsCheck(BranchService service, IBranchInputs inputs, ICommandDelivery delivery, ILogger log)
{
    /// <summary>Whether <paramref name="state"/> has anything to look for in the pane's text.</summary>
    public static bool NeedsText(BranchState state) => !state.AwaitingReceipt.IsEmpty || !state.Running.IsEmpty;

    /// <summary>Reads receipts, then exit statuses, of <paramref name="branch"/> from <paramref name="paneText"/>.</summary>
    public async Task ReadAsync(string branch, string paneText, CancellationToken ct)
    {
        await CheckReceiptsAsync(branch, paneText, ct).ConfigureAwait(false);
        await CheckCompletionsAsync(branch, paneText, ct).ConfigureAwait(false);
    }

    /// <summary>After a restart (or a takeover from a host that died): a command recorded as dispatched without a receipt
    /// is looked for in the pane and never typed again by itself. Found: delivered. Not found: the host stopped before
    /// typing it, so the same command is held for a human's approval under a new id (notified like any approval).</summary>
    private async Task CheckReceiptsAsync(string branch, string paneText, CancellationToken ct)
    {
        foreach (var c in service.Board[branch].AwaitingReceipt)
        {
            var seen = delivery.ShowsIn(paneText, c);
            log.LogInformation("{Branch}: command {Id} had no receipt; {Found} in the pane (not re-sent{Ask})", branch, c.CommandId,
                seen ? "found" : "not found", seen ? "" : "; sending it again needs approval");
            var receipt = new ReportDelivery(c.CommandId, seen, seen ? null : "no receipt before restart and not seen in the pane; not re-sent",
                AskBeforeResending: !seen);
            await inputs.HandleAsync(branch, receipt, null, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Reads exit statuses of running shell commands back from their sentinel lines.</summary>
    private async Task CheckCompletionsAsync(string branch, string paneText, CancellationToken ct)
    {
        foreach (var c in service.Board[branch].Running)
        {
            if (SentinelTrailer.FindExitStatus(paneText, SentinelTrailer.TagOf(c.CommandId)) is not { } status) continue;
            await inputs.HandleAsync(branch, new ReportCompletion(c.CommandId, status), null, ct).ConfigureAwait(false);
        }
    }
}
