namespace TmuxAgent.Tests.Agents.Fixtures;

/// <summary>Coarse screen checks for fixture tests (the host's own profiles decide busy and idle for real).</summary>
public static class AgentScreens
{
    /// <summary>The input box is up: Codex's <c>› </c> line, Claude's <c>❯</c> line.</summary>
    public static Func<string, bool> Idle(string agent) => agent == "codex"
        ? s => s.Split('\n').Any(l => l.StartsWith("› ", StringComparison.Ordinal))
        : s => s.Split('\n').Any(l => l.StartsWith('❯'));

    /// <summary>The model error line: Codex's <c>■</c>, Claude's <c>API Error</c>.</summary>
    public static Func<string, bool> Error(string agent) => agent == "codex"
        ? s => s.Contains('■')
        : s => s.Contains("API Error");
}
