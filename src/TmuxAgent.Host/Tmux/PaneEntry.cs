namespace TmuxAgent.Host.Tmux;

/// <summary>A session's pane as <see cref="PaneDirectory"/> found it: where to reach it and its foreground program at
/// the time of the listing (the text is captured separately, only when needed).</summary>
public sealed record PaneEntry(PaneTarget Target, string CurrentCommand);
