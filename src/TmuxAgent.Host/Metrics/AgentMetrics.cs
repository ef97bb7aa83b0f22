using Prometheus;
using TmuxAgent.Core.Branches;

namespace TmuxAgent.Host.Metrics;

/// <summary><see cref="MetricNames.AgentSubmissions"/>: prompts typed into agents, by how they ended. Follows the folded
/// <see cref="BranchCounters.AgentSubmissions"/> like the other per-branch counters, so it survives a restart.</summary>
public sealed class AgentMetrics(MetricFactory f)
{
    private readonly Counter _submissions = f.CreateCounter(MetricNames.AgentSubmissions,
        "Prompts typed into coding agents, by result: how the submission was confirmed, not_submitted (typed, Enter not taken) or not_typed (the agent stayed busy).",
        "branch", "agent", "result");

    /// <summary>Raises the branch's series to its folded counts (never lowers them).</summary>
    public void Follow(string branch, BranchCounters counters)
    {
        foreach (var (agent, byResult) in counters.AgentSubmissions)
        {
            foreach (var (result, n) in byResult) _submissions.WithLabels(branch, agent, result).IncTo(n);
        }
    }

    /// <summary>Removes every series of <paramref name="branch"/>.</summary>
    public void Forget(string branch)
    {
        foreach (var labels in _submissions.GetAllLabelValues().Where(l => l[0] == branch).ToList()) _submissions.RemoveLabelled(labels);
    }
}
