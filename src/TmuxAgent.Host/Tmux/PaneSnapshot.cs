namespace TmuxAgent.Host.Tmux;

/// <summary>What one look at a pane showed: its foreground program and its text (wrapped lines joined).</summary>
public sealed record PaneSnapshot(string CurrentCommand, string Text)
{
    /// <summary>Programs that count as a shell resting at its prompt.</summary>
    public static readonly IReadOnlySet<string> Shells = new HashSet<string>(StringComparer.Ordinal)
        { "bash", "sh", "zsh", "fish", "dash", "ksh", "mksh", "tcsh", "csh", "ash", "busybox", "nu", "pwsh", "xonsh", "elvish" };

    /// <summary>Whether the foreground program is a shell (so the pane is idle).</summary>
    public bool ShellInForeground => Shells.Contains(CurrentCommand.TrimStart('-'));

    /// <summary>The last <paramref name="lines"/> non-trailing lines.</summary>
    public string Tail(int lines)
    {
        var all = Text.TrimEnd('\n', ' ').Split('\n');
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
    }
}
