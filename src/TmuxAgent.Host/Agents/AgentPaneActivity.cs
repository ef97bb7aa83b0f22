using TmuxAgent.Core.Commands;
using TmuxAgent.Config;
using TmuxAgent.Host.Tmux;

namespace TmuxAgent.Host.Agents;

/// <summary>
/// The default <see cref="IAgentActivity"/>: a pane runs an agent when an agent profile matches it (docs/agents.md), its
/// task types into a dialogue (<c>input_mode = "codex_dialogue"</c>) or its foreground program is not a shell; a turn
/// finished when the loop saw the pane busy at the last look and idle now (for a profiled agent that verdict is read
/// from its screen by <see cref="AgentScreenRule"/>); model errors are found by <see cref="AgentErrorLines"/> and by
/// the profile's error rule.
/// </summary>
public sealed class AgentPaneActivity(AgentProfiles? profiles = null) : IAgentActivity
{
    private readonly Dictionary<string, bool> _wasBusy = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public bool IsAgentPane(TaskConfig task, PaneSnapshot snapshot) =>
        Profile(task, snapshot) is not null || task.InputMode == InputModes.CodexDialogue || !snapshot.ShellInForeground;

    /// <inheritdoc />
    public bool TurnFinished(TaskConfig task, PaneSnapshot snapshot, bool busy)
    {
        var wasBusy = _wasBusy.GetValueOrDefault(task.Branch);
        _wasBusy[task.Branch] = busy;
        return wasBusy && !busy && IsAgentPane(task, snapshot);
    }

    /// <inheritdoc />
    public IReadOnlyList<string> ErrorLines(TaskConfig task, PaneSnapshot snapshot)
    {
        var lines = AgentErrorLines.Find(snapshot.Text);
        if (Profile(task, snapshot)?.Read(snapshot.Text).ErrorLine?.Trim() is { Length: > 0 } line && !lines.Contains(line))
            return [.. lines.Skip(Math.Max(0, lines.Count + 1 - AgentErrorLines.MaxLines)), line];
        return lines;
    }

    private AgentProfile? Profile(TaskConfig task, PaneSnapshot snapshot) => profiles?.For(task.Agent, snapshot.CurrentCommand);
}
