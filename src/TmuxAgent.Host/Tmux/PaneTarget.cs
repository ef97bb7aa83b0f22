namespace TmuxAgent.Host.Tmux;

/// <summary>A branch's pane: the tmux server it lives on, its session and its pane id (<c>%N</c>).</summary>
public sealed record PaneTarget(TmuxClient Client, string Session, string PaneId);
