namespace TmuxAgent.Host.Tmux;

/// <summary>Reads panes: foreground program and captured text. Reading never changes a pane.</summary>
public static class PaneReader
{
    /// <summary>One look at <paramref name="pane"/>, with up to <paramref name="lines"/> lines of history.</summary>
    public static async Task<PaneSnapshot> SnapshotAsync(PaneTarget pane, int lines, CancellationToken ct = default)
    {
        var cmd = await pane.Client.QueryAsync(["display-message", "-p", "-t", pane.PaneId, "#{pane_current_command}"], ct).ConfigureAwait(false);
        var text = await CaptureAsync(pane, lines, ct).ConfigureAwait(false);
        return new PaneSnapshot(cmd.Trim(), text);
    }

    /// <summary>The pane's text: the visible screen plus <paramref name="lines"/> lines of history, wrapped lines joined.</summary>
    public static Task<string> CaptureAsync(PaneTarget pane, int lines, CancellationToken ct = default) =>
        pane.Client.QueryAsync(["capture-pane", "-p", "-J", "-t", pane.PaneId, "-S", $"-{Math.Max(0, lines)}"], ct);
}
