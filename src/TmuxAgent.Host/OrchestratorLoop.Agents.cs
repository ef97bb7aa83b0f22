using Microsoft.Extensions.Logging;
using TmuxAgent.Core.Branches;
using TmuxAgent.Host.Agents;
using TmuxAgent.Host.Config;
using TmuxAgent.Host.Tmux;

namespace TmuxAgent.Host;

/// <summary>Panes that hold a coding agent (docs/agents.md): the profile is picked from the task's <c>agent</c> or the
/// foreground program, busy or idle is read from the screen, and commands are typed by <see cref="AgentTyper"/> with a
/// submission receipt instead of the shell's trailer.</summary>
public sealed partial class OrchestratorLoop
{
    private readonly Dictionary<string, AgentProfile?> _agentOf = new(StringComparer.Ordinal);

    /// <summary>The agent profile of <paramref name="task"/>'s pane with <paramref name="foregroundProgram"/> (null: a shell
    /// or another program), remembered for delivery.</summary>
    private AgentProfile? AgentFor(TaskConfig task, string foregroundProgram)
    {
        var profile = _agentProfiles.For(task.Agent, foregroundProgram);
        _agentOf[task.Branch] = profile;
        return profile;
    }

    /// <summary>Whether the agent is busy (anything but its idle screen), told to the observers for the dashboard.</summary>
    private bool AgentBusy(string branch, AgentProfile profile, string screen)
    {
        var read = profile.Read(screen);
        var view = AgentView.Of(profile, read, Now);
        _observers.Notify(o => o.AgentSeen(branch, view));
        return !read.IsIdle;
    }

    /// <summary>Types a dispatched command into the branch's agent, when its pane holds one; returns null for a shell pane.</summary>
    private async Task<BranchState?> DeliverToAgentAsync(BranchState state, CommandDispatched d, PaneTarget pane)
    {
        if (!_agentOf.TryGetValue(d.Branch, out var profile))
        {
            var task = _settings.Config.Tasks.FirstOrDefault(t => t.Branch == d.Branch);
            var program = await pane.Client.QueryAsync(["display-message", "-p", "-t", pane.PaneId, "#{pane_current_command}"]).ConfigureAwait(false);
            profile = task is null ? null : AgentFor(task, program.Trim());
        }
        if (profile is null) return null;
        _panes.Touched(pane);
        AgentSubmission submission;
        try { submission = await _agentTyper.SubmitAsync(pane, profile, d.Spec, CancellationToken.None).ConfigureAwait(false); }
        catch (TmuxException e) { submission = AgentSubmission.NotSubmitted("tmux failed: " + e.Message, 0); }
        if (submission.Confirmation is not null) TryBus(() => _bus.Command(d));
        else _log.LogWarning("{Branch}: {Agent} did not take {Id}: {Reason}", d.Branch, profile.Name, d.CommandId, submission.Reason);
        var events = BranchDecider.Decide(state, submission.ToReport(d.CommandId, profile.Name), _policy, Now);
        foreach (var e in events) Log(e);
        state = await AppendAsync(state, events).ConfigureAwait(false);
        foreach (var n in events.OfType<CommandNotSubmitted>().Where(n => n.Typed))
            Notify(n.Branch, $"Not submitted: {n.Branch}", $"{profile.Name} did not take command {n.CommandId}: {n.Reason}", n.At, "not_submitted", n.CommandId);
        return state;
    }
}
