namespace TmuxAgent.Host.Agents;

/// <summary>What an agent's screen shows.</summary>
public enum AgentActivity
{
    /// <summary>Neither busy nor idle (starting, a dialog, a program the profile does not know): treated as busy.</summary>
    Unknown,
    /// <summary>The input box is up and the agent is not working: a prompt may be typed.</summary>
    Idle,
    /// <summary>The agent is working on a turn: nothing is typed (an Enter into a busy Codex aborts its turn).</summary>
    Busy,
}

/// <summary>One reading of an agent's screen.</summary>
/// <param name="Activity">Busy, idle or unknown.</param>
/// <param name="InputLine">The line holding the input box (where the idle pattern's last match ends); null when not idle-looking.
/// Submission is confirmed by this line changing after Enter.</param>
/// <param name="ErrorLine">The latest model error line near the bottom, if any.</param>
public sealed record AgentScreen(AgentActivity Activity, string? InputLine, string? ErrorLine)
{
    /// <summary>Whether a prompt may be typed now.</summary>
    public bool IsIdle => Activity == AgentActivity.Idle;

    /// <summary>The state name shown on the dashboard: <c>busy</c>, <c>idle</c>, <c>error</c> (idle with an error line) or <c>unknown</c>.</summary>
    public string StateName => Activity switch
    {
        AgentActivity.Busy => "busy",
        AgentActivity.Idle when ErrorLine is not null => "error",
        AgentActivity.Idle => "idle",
        _ => "unknown",
    };
}
