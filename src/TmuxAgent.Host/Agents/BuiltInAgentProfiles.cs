using TmuxAgent.Config;
using TmuxAgent.Host.Config;

namespace TmuxAgent.Host.Agents;

/// <summary>
/// The profiles of Codex CLI and Claude Code, from their screens as captured (tests/TmuxAgent.Tests/Agents/Screens).
/// Codex: busy <c>• Working (4s • esc to interrupt)</c> (glyph •/◦), idle the <c>› </c> input line, errors <c>■ …</c>.
/// Claude: busy a spinner line <c>✽ Composing…</c> (glyph from <c>·✢✳✶✻✽*</c>, one word, an ellipsis), idle the <c>❯</c>
/// line directly under a <c>────</c> rule, errors <c>● API Error: …</c>.
/// </summary>
public static class BuiltInAgentProfiles
{
    /// <summary>Codex CLI.</summary>
    public static readonly AgentProfile Codex = AgentProfile.Of("codex", ["codex"],
        busy: @"^[•◦] .*\(.*esc to interrupt\)\s*$",
        idle: @"^› ",
        error: @"^■ ",
        pauseSeconds: 0.25);

    /// <summary>Claude Code.</summary>
    public static readonly AgentProfile Claude = AgentProfile.Of("claude", ["claude"],
        busy: @"^[·✢✳✶✻✽*] [^\s…]+…",
        idle: @"^─{3,}[ \t]*\n❯",
        error: @"^● API Error",
        pauseSeconds: 0.25);

    /// <summary>Both, by name.</summary>
    public static readonly IReadOnlyList<AgentProfile> All = [Codex, Claude];

    /// <summary>The submit method both use.</summary>
    public const string Submit = SubmitMethods.Paste;
}
