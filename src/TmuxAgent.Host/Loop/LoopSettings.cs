using TmuxAgent.Config;
using TmuxAgent.Host.Config;
using TmuxAgent.Host.Decisions;
using TmuxAgent.Host.Panes;
using TmuxAgent.Host.Typing;

namespace TmuxAgent.Host;

/// <summary>Everything the loop runs with.</summary>
/// <param name="Config">orchestrator.toml.</param>
/// <param name="Agent">agent-config.yaml.</param>
/// <param name="DryRun">Record only (<c>--dry-run</c> or <c>dry_run</c>).</param>
/// <param name="AuditPath">The JSONL mirror.</param>
/// <param name="BusOffsetFile">Where the confirmations.jsonl offset is kept.</param>
/// <param name="DecisionSourceOverride">A decision source for every task (tests); null: by configuration.</param>
/// <param name="HostId">This host's owner id in branch leases (<c>--host-id</c>); null: <c>host_id</c>, else <c>hostname/pid/random</c>.</param>
public sealed record LoopSettings(
    OrchestratorConfig Config,
    AgentConfig Agent,
    bool DryRun,
    string AuditPath,
    string BusOffsetFile,
    IDecisionSource? DecisionSourceOverride = null,
    string? HostId = null)
{
    /// <summary>Makes the tmux client of a <c>hosts[]</c> entry (benchmarks: an in-memory tmux); null: <see cref="Tmux.TmuxClient.ForHost"/>.</summary>
    public Func<HostConfig, Tmux.TmuxClient>? TmuxClientFor { get; init; }

    /// <summary>How long one <c>list-panes -a</c> of a server is reused within a cycle; null: <see cref="Tmux.PaneDirectory.DefaultMaxAge"/>.</summary>
    public TimeSpan? PaneListingMaxAge { get; init; }

    /// <summary>Decides whether a pane is busy, for the cycle and approvals alike (agent profiles); null: <see cref="ProgramOrChangingTextRule"/>.</summary>
    public IPaneActivityRule? PaneActivity { get; init; }

    /// <summary>Types dispatched commands into panes and checks they arrived; null: <see cref="SendKeysDelivery"/>.</summary>
    public ICommandDelivery? Delivery { get; init; }

    /// <summary>How long typing into an agent waits for idle and for a sign of submission; null: <see cref="Agents.AgentTimings.Default"/>.</summary>
    public Agents.AgentTimings? AgentTimings { get; init; }

    /// <summary>Tells agent panes, finished turns and model errors for the agent checks; null: <see cref="Agents.AgentPaneActivity"/> with the agent profiles.</summary>
    public Agents.IAgentActivity? AgentActivity { get; init; }
}
