namespace TmuxAgent.Host.Tmux;

/// <summary>One line of <c>list-panes</c>: a pane of a session's window, as the server saw it when listed.</summary>
/// <param name="Session">The session the line was listed under (a window linked into two sessions is listed under each).</param>
/// <param name="WindowActive">Whether the pane's window is the session's current window.</param>
/// <param name="PaneId">The pane id (<c>%N</c>).</param>
/// <param name="PaneActive">Whether the pane is its window's active pane.</param>
/// <param name="CurrentCommand">The pane's foreground program (<c>pane_current_command</c>).</param>
/// <param name="Title">The pane title (<c>pane_title</c>).</param>
public sealed record PaneRow(string Session, bool WindowActive, string PaneId, bool PaneActive, string CurrentCommand, string Title)
{
    /// <summary>The <c>-F</c> format that <see cref="Parse"/> reads; the title is last because it may hold tabs.</summary>
    public const string Format = "#{session_name}\t#{window_active}\t#{pane_id}\t#{pane_active}\t#{pane_current_command}\t#{pane_title}";

    /// <summary>The rows of <c>list-panes -F <see cref="Format"/></c> output; lines that do not fit are skipped.</summary>
    public static IEnumerable<PaneRow> Parse(string output)
    {
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var f = line.Split('\t', 6);
            if (f.Length != 6 || !f[2].StartsWith('%')) continue;
            yield return new PaneRow(f[0], f[1] == "1", f[2], f[3] == "1", f[4].Trim(), f[5]);
        }
    }
}
