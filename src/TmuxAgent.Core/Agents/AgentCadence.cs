using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Policy;

namespace TmuxAgent.Core.Agents;

/// <summary>How often the agent checks run, from the branch's recorded facts (so a restart keeps the pace).</summary>
public static class AgentCadence
{
    /// <summary>Stuck checks run at most every max(60 s, <c>poll_interval</c>), as the original's.</summary>
    public const double MinStuckIntervalSeconds = 60.0;

    /// <summary>The smallest gap between two stuck checks of one branch.</summary>
    public static TimeSpan StuckInterval(OrchestratorPolicy policy) =>
        TimeSpan.FromSeconds(Math.Max(MinStuckIntervalSeconds, policy.PollIntervalSeconds));

    /// <summary>Whether a stuck check may run now.</summary>
    public static bool StuckCheckDue(BranchState state, OrchestratorPolicy policy, DateTimeOffset now) =>
        state.LastStuckCheck is not { } last || now - last.At >= StuckInterval(policy);

    /// <summary>Whether a summary may be asked for now: at most one per <c>poll_interval</c>.</summary>
    public static bool SummaryDue(BranchState state, OrchestratorPolicy policy, DateTimeOffset now) =>
        state.Summaries.IsEmpty || (now - state.Summaries[^1].At).TotalSeconds >= policy.PollIntervalSeconds;
}
