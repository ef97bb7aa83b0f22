using TmuxAgent.Core.Branches;
using TmuxAgent.Host.Config;
using TmuxAgent.Host.Decisions;
using TmuxAgent.Host.Tmux;

namespace TmuxAgent.Host;

/// <summary>What a branch's cycle reads from its pane: the foreground program always (from the cycle's
/// <see cref="PaneDirectory"/> listing), the text only when something needs it (one <c>capture-pane</c>).</summary>
public sealed partial class OrchestratorLoop
{
    /// <summary>The pane's foreground program and, when <paramref name="withText"/>, its text (else empty).</summary>
    private async Task<PaneSnapshot> LookAsync(PaneEntry entry, bool withText, CancellationToken ct) =>
        new(entry.CurrentCommand, withText ? await PaneReader.CaptureAsync(entry.Target, CaptureDepth(entry.Target), ct).ConfigureAwait(false) : "");

    /// <summary>Whether the text is read before the Tick: receipts to look for after a restart, exit statuses of running
    /// commands, or a <c>codex_dialogue</c> pane (busy while its text changes). A shell pane's busy-ness is its program.</summary>
    private static bool NeedsPaneText(TaskConfig task, BranchState state) =>
        !state.AwaitingReceipt.IsEmpty || !state.Running.IsEmpty || task.InputMode == Core.Commands.InputModes.CodexDialogue;

    /// <summary>Who answers <paramref name="task"/>'s decision requests.</summary>
    private IDecisionSource SourceFor(TaskConfig task) =>
        _settings.DecisionSourceOverride ?? (_settings.Config.UsesPlan(task) ? _plan : _external);
}
