using TmuxAgent.Host.Tmux;

namespace TmuxAgent.Host.Panes;

/// <summary>One look at a branch's pane.</summary>
/// <param name="Entry">The pane and its foreground program (from the cycle's pane listing).</param>
/// <param name="Snapshot">What was read (text empty unless <paramref name="HasText"/>).</param>
/// <param name="HasText">Whether the text was captured.</param>
/// <param name="Activity">Busy or idle, and why.</param>
public sealed record PaneLook(PaneEntry Entry, PaneSnapshot Snapshot, bool HasText, PaneActivity Activity)
{
    /// <summary>The pane.</summary>
    public PaneTarget Target => Entry.Target;
}
