namespace TmuxAgent.Host.Agents;

/// <summary>A branch's agent as last seen, for the dashboard (<c>agent</c> in <c>/api/orchestrator</c>).</summary>
/// <param name="Profile">The profile name (<c>codex</c>, <c>claude</c>, a user profile).</param>
/// <param name="State"><c>idle</c>, <c>busy</c>, <c>error</c> (idle after a model error) or <c>unknown</c>.</param>
/// <param name="ErrorLine">The model error line on screen, if any.</param>
/// <param name="SeenAt">Unix seconds of the look.</param>
public sealed record AgentView(string Profile, string State, string? ErrorLine, double SeenAt)
{
    /// <summary>From a screen reading at <paramref name="at"/>.</summary>
    public static AgentView Of(AgentProfile profile, AgentScreen screen, DateTimeOffset at) =>
        new(profile.Name, screen.StateName, screen.ErrorLine, Math.Round(at.ToUnixTimeMilliseconds() / 1000.0, 3));
}
