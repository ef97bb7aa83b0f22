namespace TmuxAgent.Host.Agents;

/// <summary>
/// Model error lines of the agents' screens (AGENTS.md): Codex shows a line starting with <c>■</c>, Claude Code one
/// starting with <c>● API Error:</c>. Both are idle again afterwards, so only the screen tells that the turn failed.
/// </summary>
public static class AgentErrorLines
{
    /// <summary>Most lines returned (the last ones).</summary>
    public const int MaxLines = 5;

    private static readonly string[] Markers = ["■ ", "● API Error:"];

    /// <summary>The error lines of <paramref name="screen"/>, trimmed, the last <see cref="MaxLines"/>.</summary>
    public static IReadOnlyList<string> Find(string screen)
    {
        var found = screen.Split('\n').Select(l => l.Trim())
            .Where(l => Markers.Any(m => l.StartsWith(m, StringComparison.Ordinal))).ToList();
        return found.Skip(Math.Max(0, found.Count - MaxLines)).ToList();
    }
}
