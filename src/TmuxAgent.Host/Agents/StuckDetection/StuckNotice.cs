using TmuxAgent.Core.Agents;

namespace TmuxAgent.Host.Agents.StuckDetection;

/// <summary>The body of the LocalBus notification of a stuck verdict.</summary>
public static class StuckNotice
{
    /// <summary>Reason, suggestion and the screen's error lines.</summary>
    public static string Body(StuckChecked s)
    {
        var lines = new List<string> { s.Reason.Length > 0 ? s.Reason : "the stuck check says the agent is stuck" };
        if (s.Suggestion is { Length: > 0 } suggestion) lines.Add("suggestion: " + suggestion);
        lines.AddRange(s.Evidence.Select(e => "screen: " + e));
        return string.Join('\n', lines);
    }
}
