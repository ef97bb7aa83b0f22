using TmuxAgent.Core.Commands;
using TmuxAgent.Host.Config;
using TmuxAgent.Host.Tmux;

namespace TmuxAgent.Host.Agents;

/// <summary>
/// The default <see cref="IAgentActivity"/>: a pane runs an agent when its task types into a dialogue
/// (<c>input_mode = "codex_dialogue"</c>) or its foreground program is not a shell; a turn finished when the loop saw the
/// pane busy at the last look and idle now; model errors are found by <see cref="AgentErrorLines"/>.
/// </summary>
public sealed class PaneActivity : IAgentActivity
{
    private readonly Dictionary<string, bool> _wasBusy = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public bool IsAgentPane(TaskConfig task, PaneSnapshot snapshot) =>
        task.InputMode == InputModes.CodexDialogue || !snapshot.ShellInForeground;

    /// <inheritdoc />
    public bool TurnFinished(TaskConfig task, PaneSnapshot snapshot, bool busy)
    {
        var wasBusy = _wasBusy.GetValueOrDefault(task.Branch);
        _wasBusy[task.Branch] = busy;
        return wasBusy && !busy && IsAgentPane(task, snapshot);
    }

    /// <inheritdoc />
    public IReadOnlyList<string> ErrorLines(TaskConfig task, PaneSnapshot snapshot) => AgentErrorLines.Find(snapshot.Text);
}
