using TmuxAgent.Core.Branches;
using TmuxAgent.Host.Agents;
using TmuxAgent.Host.Config;
using TmuxAgent.Host.Tmux;

namespace TmuxAgent.Host;

/// <summary>The agent checks of a branch's cycle (summaries, stuck detection: <see cref="AgentChecks"/>), after its decision.</summary>
public sealed partial class OrchestratorLoop
{
    /// <summary>Decides and appends what the agent checks report for this look at the pane.</summary>
    private async Task<BranchState> RunAgentChecksAsync(TaskConfig task, BranchState state, PaneEntry entry, PaneSnapshot snapshot, bool busy, CancellationToken ct)
    {
        var look = new AgentLook(task, state, snapshot, busy, Now, () => LookAsync(entry, true, ct));
        foreach (var input in await _agentChecks.RunAsync(look, ct).ConfigureAwait(false))
        {
            if (!await StillHoldsAsync(task.Branch).ConfigureAwait(false)) break;
            state = await DecideAsync(state, input, entry.Target).ConfigureAwait(false);
        }
        return state;
    }
}
