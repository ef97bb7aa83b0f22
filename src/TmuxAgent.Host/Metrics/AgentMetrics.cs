using Prometheus;
using TmuxAgent.Core.Branches;

namespace TmuxAgent.Host.Metrics;

/// <summary><see cref="MetricNames.AgentSubmissions"/>: prompts typed into agents, by how they ended. Counted from the
/// receipt events; like the latency histogram, it starts at 0 after a restart.</summary>
public sealed class AgentMetrics(MetricFactory f)
{
    private readonly Counter _submissions = f.CreateCounter(MetricNames.AgentSubmissions,
        "Prompts typed into coding agents, by result: how the submission was confirmed, not_submitted (typed, Enter not taken) or not_typed (the agent stayed busy).",
        "branch", "agent", "result");

    /// <summary>Counts a receipt event (others are ignored).</summary>
    public void Count(BranchEvent e)
    {
        switch (e)
        {
            case CommandDelivered { Agent: { } agent, Confirmation: { } how } d:
                _submissions.WithLabels(d.Branch, agent, how).Inc();
                break;
            case CommandNotSubmitted n:
                _submissions.WithLabels(n.Branch, n.Agent, n.Typed ? AgentSubmissionResults.NotSubmitted : AgentSubmissionResults.NotTyped).Inc();
                break;
        }
    }
}

/// <summary>The <c>result</c> values of <see cref="MetricNames.AgentSubmissions"/> besides the confirmations
/// (<see cref="SubmissionConfirmations"/>).</summary>
public static class AgentSubmissionResults
{
    /// <summary>Typed, but two Enters did not submit it.</summary>
    public const string NotSubmitted = "not_submitted";
    /// <summary>Nothing typed: the agent did not become idle; the command waits in the queue again.</summary>
    public const string NotTyped = "not_typed";
}
