namespace TmuxAgent.Host.Agents;

/// <summary>How long delivery into an agent waits: for the idle screen before typing, and for a sign of submission after
/// each Enter; how often it looks.</summary>
public sealed record AgentTimings(TimeSpan Ready, TimeSpan Confirm, TimeSpan Poll)
{
    /// <summary>3 s for idle, 4 s after each Enter, a look every 100 ms.</summary>
    public static AgentTimings Default { get; } = new(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(4), TimeSpan.FromMilliseconds(100));
}
