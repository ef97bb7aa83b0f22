using TmuxAgent.Config;
using TmuxAgent.Host.Config;
using TmuxAgent.Host.Panes;
using TmuxAgent.Host.Tmux;

namespace TmuxAgent.Host.Agents;

/// <summary>
/// Busy or idle for a pane holding a coding agent: read from its screen with the pane's <see cref="AgentProfile"/> (idle
/// only on the idle screen; busy or anything unknown is busy), never from the foreground program, which only picks the
/// profile. Other panes go to <paramref name="other"/>. Each reading of an agent is reported to <paramref name="seen"/>
/// (the dashboard's agent state).
/// </summary>
public sealed class AgentScreenRule(AgentProfiles profiles, IPaneActivityRule other, Action<string, AgentView?> seen, TimeProvider time) : IPaneActivityRule
{
    private readonly HashSet<string> _agentShown = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public bool ReadsText(TaskConfig task, string foregroundProgram) =>
        profiles.For(task.Agent, foregroundProgram) is not null || other.ReadsText(task, foregroundProgram);

    /// <inheritdoc />
    public PaneActivity Judge(TaskConfig task, PaneSnapshot snapshot)
    {
        if (profiles.For(task.Agent, snapshot.CurrentCommand) is not { } profile)
        {
            if (_agentShown.Remove(task.Branch)) seen(task.Branch, null);
            return other.Judge(task, snapshot);
        }
        var screen = profile.Read(snapshot.Text);
        _agentShown.Add(task.Branch);
        seen(task.Branch, AgentView.Of(profile, screen, time.GetUtcNow()));
        return new PaneActivity(!screen.IsIdle, $"{profile.Name} screen {screen.StateName}", profile.Name);
    }
}
