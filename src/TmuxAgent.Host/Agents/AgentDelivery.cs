using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;
using TmuxAgent.Config;
using TmuxAgent.Host.Config;
using TmuxAgent.Host.Tmux;
using TmuxAgent.Host.Typing;

namespace TmuxAgent.Host.Agents;

/// <summary>
/// Delivery that knows agents: a command for a pane whose profile (the task's <c>agent</c>, else the foreground program)
/// is an agent's goes through <see cref="AgentTyper"/> (bracketed paste, confirmed submission, never retyped, no exit-status
/// trailer); any other pane through <paramref name="shell"/>.
/// </summary>
public sealed class AgentDelivery(OrchestratorConfig config, AgentProfiles profiles, AgentTyper typer, ICommandDelivery shell) : ICommandDelivery
{
    /// <inheritdoc />
    public async Task<DeliveryReceipt> DeliverAsync(PaneTarget pane, CommandDispatched dispatched, CancellationToken ct)
    {
        var task = config.Tasks.FirstOrDefault(t => t.Branch == dispatched.Branch);
        var program = task?.Agent is null
            ? (await pane.Client.QueryAsync(["display-message", "-p", "-t", pane.PaneId, "#{pane_current_command}"], ct).ConfigureAwait(false)).Trim()
            : "";
        if (task is null || profiles.For(task.Agent, program) is not { } profile)
            return await shell.DeliverAsync(pane, dispatched, ct).ConfigureAwait(false);
        var submission = await typer.SubmitAsync(pane, profile, dispatched.Spec, ct).ConfigureAwait(false);
        return new DeliveryReceipt(submission.Confirmation is not null, submission.Reason, new AgentReceipt(profile.Name, submission));
    }

    /// <summary>After a restart, a command without a receipt counts as typed only when the shell's check finds it; an agent's
    /// transcript may show a long prompt shortened, so it may then wait for a human (never typed twice).</summary>
    public bool ShowsIn(string paneText, CommandRef command) => shell.ShowsIn(paneText, command);
}
