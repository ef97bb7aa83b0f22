using System.Collections.Immutable;
using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Projections;
using TmuxAgent.Config;
using TmuxAgent.Host.Agents;
using TmuxAgent.Host.Config;

namespace TmuxAgent.Host.Observers;

/// <summary>A consistent picture of the orchestrator for readers on other threads (dashboard API).</summary>
/// <param name="Branches">Every branch's state, by name.</param>
/// <param name="Tasks">The configured tasks, in file order.</param>
/// <param name="DryRun">Whether commands are only recorded.</param>
/// <param name="Heartbeats">Last completed cycle per branch.</param>
/// <param name="StartedAt">When the loop started.</param>
public sealed record OrchestratorSnapshot(
    ImmutableSortedDictionary<string, BranchState> Branches,
    IReadOnlyList<TaskConfig> Tasks,
    bool DryRun,
    ImmutableDictionary<string, DateTimeOffset> Heartbeats,
    DateTimeOffset StartedAt)
{
    /// <summary>Branch lease holders as this host last saw them (branches without an entry: none seen).</summary>
    public ImmutableDictionary<string, LeaseHolder> LeaseHolders { get; init; } = ImmutableDictionary<string, LeaseHolder>.Empty;

    /// <summary>Each branch's pane as this host last looked at it, with the busy/idle verdict (branches without an entry:
    /// not looked at by this host, e.g. driven by another one).</summary>
    public ImmutableDictionary<string, PaneSighting> Panes { get; init; } = ImmutableDictionary<string, PaneSighting>.Empty;

    /// <summary>Each branch's agent as last seen (branches without an entry: a shell, or not looked at yet).</summary>
    public ImmutableDictionary<string, AgentView> Agents { get; init; } = ImmutableDictionary<string, AgentView>.Empty;
}

/// <summary>A look of the loop at a branch's pane.</summary>
/// <param name="Pane">Where the pane is (what the dashboard captures, read-only).</param>
/// <param name="Activity">The busy/idle verdict the loop acted on, and why.</param>
/// <param name="At">When.</param>
public sealed record PaneSighting(Tmux.PaneTarget Pane, Panes.PaneActivity Activity, DateTimeOffset At);

/// <summary>The holder of a branch's lease.</summary>
/// <param name="Owner">Its owner id (<c>host_id</c>, <c>--host-id</c> or <c>hostname/pid/random</c>).</param>
/// <param name="ThisHost">Whether it is this host.</param>
public sealed record LeaseHolder(string Owner, bool ThisHost);

/// <summary>Holds the latest <see cref="OrchestratorSnapshot"/>; the loop publishes, anyone reads (lock-free). Also an observer.</summary>
public sealed class OrchestratorStatus : IOrchestratorObserver
{
    private OrchestratorSnapshot _current = new(ImmutableSortedDictionary<string, BranchState>.Empty, [], false,
        ImmutableDictionary<string, DateTimeOffset>.Empty, DateTimeOffset.UtcNow);

    /// <summary>The latest snapshot.</summary>
    public OrchestratorSnapshot Current => Volatile.Read(ref _current);

    /// <summary>Sets the configured tasks and mode.</summary>
    public void Configure(IReadOnlyList<TaskConfig> tasks, bool dryRun, DateTimeOffset startedAt) =>
        Update(s => s with { Tasks = tasks, DryRun = dryRun, StartedAt = startedAt });

    /// <inheritdoc />
    public void StateLoaded(BranchBoard board) =>
        Update(s => s with { Branches = board.Branches.ToImmutableSortedDictionary(StringComparer.Ordinal) });

    /// <inheritdoc />
    public void EventAppended(BranchEvent appended, BranchState after) =>
        Update(s => s with { Branches = s.Branches.SetItem(after.Branch, after) });

    /// <inheritdoc />
    public void LeaseHolderSeen(string branch, string? holder, bool thisHost) =>
        Update(s => s with
        {
            LeaseHolders = holder is null ? s.LeaseHolders.Remove(branch) : s.LeaseHolders.SetItem(branch, new LeaseHolder(holder, thisHost)),
        });

    /// <inheritdoc />
    public void AgentSeen(string branch, AgentView? agent) =>
        Update(s => s with { Agents = agent is null ? s.Agents.Remove(branch) : s.Agents.SetItem(branch, agent) });

    /// <inheritdoc />
    public void PaneSeen(string branch, Tmux.PaneTarget pane, Panes.PaneActivity activity, DateTimeOffset at) =>
        Update(s => s with { Panes = s.Panes.SetItem(branch, new PaneSighting(pane, activity, at)) });

    /// <inheritdoc />
    public void CycleCompleted(string branch, DateTimeOffset at) =>
        Update(s => s with { Heartbeats = s.Heartbeats.SetItem(branch, at) });

    private void Update(Func<OrchestratorSnapshot, OrchestratorSnapshot> change)
    {
        while (true)
        {
            var before = Current;
            if (Interlocked.CompareExchange(ref _current, change(before), before) == before) return;
        }
    }
}
