using TmuxAgent.Config;
using TmuxAgent.Host.Tmux;

namespace TmuxAgent.Host.Agents;

/// <summary>
/// What the agent checks (summaries, stuck detection) need to know about a pane: whether an agent runs in it, when it
/// finished a turn, and which model errors its screen shows. The default (<see cref="AgentPaneActivity"/>) reads the loop's
/// busy/idle observation, which agent profiles read from the screen.
/// </summary>
public interface IAgentActivity
{
    /// <summary>Whether <paramref name="task"/>'s pane runs an agent (not a shell at its prompt).</summary>
    bool IsAgentPane(TaskConfig task, PaneSnapshot snapshot);

    /// <summary>Called once per look at the branch's pane with the loop's verdict <paramref name="busy"/>: true when the
    /// agent finished a turn since the last look (it was busy, now it is idle).</summary>
    bool TurnFinished(TaskConfig task, PaneSnapshot snapshot, bool busy);

    /// <summary>Model error lines on the screen (evidence for the stuck check); <paramref name="snapshot"/> holds the text.</summary>
    IReadOnlyList<string> ErrorLines(TaskConfig task, PaneSnapshot snapshot);
}
