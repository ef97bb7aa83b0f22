using TmuxAgent.Core.Commands;
using TmuxAgent.Config;
using TmuxAgent.Host.Tmux;

namespace TmuxAgent.Host.Panes;

/// <summary>The built-in rule: a <c>shell</c> pane is busy unless a shell is its foreground program; a
/// <c>codex_dialogue</c> pane is busy while its text changes from one look to the next.</summary>
public sealed class ProgramOrChangingTextRule : IPaneActivityRule
{
    private readonly Dictionary<string, string> _lastText = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public bool ReadsText(TaskConfig task, string foregroundProgram) => task.InputMode == InputModes.CodexDialogue;

    /// <inheritdoc />
    public PaneActivity Judge(TaskConfig task, PaneSnapshot snapshot)
    {
        if (task.InputMode != InputModes.CodexDialogue)
            return snapshot.ShellInForeground ? new(false, $"shell {snapshot.CurrentCommand} in the foreground")
                : new(true, $"foreground program {snapshot.CurrentCommand}");
        var changed = _lastText.TryGetValue(task.Branch, out var before) && before != snapshot.Text;
        _lastText[task.Branch] = snapshot.Text;
        return changed ? new(true, "text changed since the last look") : new(false, "text unchanged since the last look");
    }
}
