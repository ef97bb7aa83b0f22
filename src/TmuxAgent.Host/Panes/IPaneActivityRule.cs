using TmuxAgent.Config;
using TmuxAgent.Host.Tmux;

namespace TmuxAgent.Host.Panes;

/// <summary>
/// Decides from a look at a pane whether its agent is busy or idle, and why: the extension point for agent profiles
/// (a Codex or Claude screen read from its text). One rule serves the cycle and approvals alike, so an approved command
/// waits in the queue while the agent works. Not thread-safe: the loop's thread calls it.
/// </summary>
public interface IPaneActivityRule
{
    /// <summary>Whether <see cref="Judge"/> needs the pane's text for <paramref name="task"/> whose pane runs
    /// <paramref name="foregroundProgram"/> (else only the program is read, without a <c>capture-pane</c>).</summary>
    bool ReadsText(TaskConfig task, string foregroundProgram);

    /// <summary>Busy or idle, from <paramref name="snapshot"/> (its text is empty unless <see cref="ReadsText"/> or the caller
    /// asked for it). Called once per look; a rule may compare with the previous look of the same branch.</summary>
    PaneActivity Judge(TaskConfig task, PaneSnapshot snapshot);
}
