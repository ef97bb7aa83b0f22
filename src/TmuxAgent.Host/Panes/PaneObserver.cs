using TmuxAgent.Config;
using TmuxAgent.Host.Tmux;

namespace TmuxAgent.Host.Panes;

/// <summary>
/// The one place the host looks at panes, for the cycle and for approvals: finds a session's pane (from the cycle's
/// <see cref="PaneDirectory"/> listing), reads its foreground program, captures its text only when something needs
/// it, and asks the <see cref="IPaneActivityRule"/> whether it is busy.
/// </summary>
public sealed class PaneObserver(SessionLocator locator, PaneDirectory directory, IPaneActivityRule rule, int historyLines)
{
    /// <summary>Starts a cycle: the next lookups list the tmux servers again.</summary>
    public void Refresh() => directory.Refresh();

    /// <summary>Keys were sent to <paramref name="pane"/>: its next lookup lists its server again.</summary>
    public void Touched(PaneTarget pane) => directory.Touched(pane);

    /// <summary>How many lines of <paramref name="pane"/> are captured.</summary>
    public int CaptureDepth(PaneTarget pane) => Math.Max(historyLines, locator.CaptureLinesFor(pane));

    /// <summary>The pane of <paramref name="session"/> straight from the hosts (no listing), or null.</summary>
    public Task<PaneTarget?> LocateAsync(string session, CancellationToken ct) => locator.FindAsync(session, ct);

    /// <summary>Looks at <paramref name="task"/>'s pane: null when no configured host has its session. The text is
    /// captured when <paramref name="withText"/> or when the rule reads it.</summary>
    /// <exception cref="TmuxException">tmux failed.</exception>
    public async Task<PaneLook?> ObserveAsync(TaskConfig task, bool withText, CancellationToken ct)
    {
        var entry = await directory.FindAsync(task.SessionName, ct).ConfigureAwait(false);
        if (entry is null) return null;
        withText |= rule.ReadsText(task, entry.CurrentCommand);
        var snapshot = await ReadAsync(entry, withText, ct).ConfigureAwait(false);
        return new PaneLook(entry, snapshot, withText, rule.Judge(task, snapshot));
    }

    /// <summary><paramref name="look"/> with the pane's text, captured now when it has none (busy-ness as it was).</summary>
    public async Task<PaneLook> WithTextAsync(PaneLook look, CancellationToken ct) =>
        look.HasText ? look : look with { Snapshot = await ReadAsync(look.Entry, true, ct).ConfigureAwait(false), HasText = true };

    private async Task<PaneSnapshot> ReadAsync(PaneEntry entry, bool withText, CancellationToken ct) =>
        new(entry.CurrentCommand, withText ? await PaneReader.CaptureAsync(entry.Target, CaptureDepth(entry.Target), ct).ConfigureAwait(false) : "");
}
