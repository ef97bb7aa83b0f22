using TmuxAgent.Core.Branches;

namespace TmuxAgent.Host.Panes;

/// <summary>Whether a pane's agent (or command) is working, and why it looks so (for logs and diagnostics).</summary>
/// <param name="Busy">True while it works: commands then wait in the queue.</param>
/// <param name="Why">What showed it, e.g. "foreground program sleep" or "text changed since the last look".</param>
/// <param name="Agent">The agent profile whose screen was read (docs/agents.md); null for a shell or another program.</param>
public readonly record struct PaneActivity(bool Busy, string Why, string? Agent = null)
{
    /// <summary>The observation <see cref="BranchDecider.Decide"/> takes.</summary>
    public PaneObservation Observation => new(Busy);
}
