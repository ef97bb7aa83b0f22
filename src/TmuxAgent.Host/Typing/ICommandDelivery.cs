using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;
using TmuxAgent.Host.Tmux;

namespace TmuxAgent.Host.Typing;

/// <summary>
/// Delivers a dispatched command into a pane and tells whether it arrived: the extension point for how an agent is typed
/// into (send-keys, bracketed paste, a pause before Enter, …). Only a recorded <see cref="CommandDispatched"/> is ever
/// delivered; anything that goes wrong is a failed receipt (fail closed), never a retry by itself.
/// </summary>
public interface ICommandDelivery
{
    /// <summary>Types <paramref name="dispatched"/> into <paramref name="pane"/> and checks that it shows.</summary>
    /// <exception cref="TmuxException">tmux refused (recorded as a failed delivery).</exception>
    Task<DeliveryReceipt> DeliverAsync(PaneTarget pane, CommandDispatched dispatched, CancellationToken ct);

    /// <summary>Whether <paramref name="command"/>, recorded as dispatched without a receipt (a host stopped in between),
    /// shows in <paramref name="paneText"/>: then it was typed.</summary>
    bool ShowsIn(string paneText, CommandRef command);
}

/// <summary>Whether a typed command reached the pane.</summary>
/// <param name="Delivered">It shows in the pane.</param>
/// <param name="Reason">Why not, when it does not.</param>
/// <param name="Agent">For a pane holding a coding agent: the profile and how the submission went (the receipt is then
/// <see cref="ReportSubmission"/>); null for a shell.</param>
public readonly record struct DeliveryReceipt(bool Delivered, string? Reason, AgentReceipt? Agent = null)
{
    /// <summary>The receipt Core takes for <paramref name="commandId"/>.</summary>
    public BranchInput ToInput(string commandId) => Agent is { } a
        ? a.Submission.ToReport(commandId, a.Profile)
        : new ReportDelivery(commandId, Delivered, Reason);
}

/// <summary>A submission into the agent of profile <paramref name="Profile"/>.</summary>
public sealed record AgentReceipt(string Profile, Agents.AgentSubmission Submission);
