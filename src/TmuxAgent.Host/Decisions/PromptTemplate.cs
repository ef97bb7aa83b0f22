using System.Text;
using System.Text.RegularExpressions;

namespace TmuxAgent.Host.Decisions;

/// <summary>
/// The original's <c>{name}</c> placeholders (Python <c>str.format</c> style: <c>{{</c> and <c>}}</c> are literal braces).
/// Unknown names are left as written.
/// </summary>
public static partial class PromptTemplate
{
    /// <summary>The built-in decision prompt, used when <c>[prompts] command</c> is not set.</summary>
    public const string Default = """
        You are the orchestrator of an AI coding agent working in a tmux pane.
        Decide the next commands to type into the pane.

        Branch: {branch}
        Title: {title}
        Session: {session}
        Phase: {phase} (phases: {phases}; finished at "{completion_phase}")
        Status: {status}
        Depends on: {depends_on}
        Responsible: {responsible}
        Tags: {tags}
        Last command: {last_command}
        Last summary: {last_summary}
        Metadata: {metadata}

        Pane (last {history_lines} lines):
        ```
        {log_excerpt}
        ```
        {phase_prompt}
        Answer with one JSON object and nothing else:
        {{"summary": "...", "commands": [{{"text": "...", "enter": true, "risk_level": "low|medium|high", "input_mode": "shell|codex_dialogue", "keys": []}}],
         "requires_confirmation": false, "notify": null, "phase": "{phase}", "blockers": []}}
        """;

    /// <summary><paramref name="template"/> with the placeholders of <paramref name="values"/> filled in.</summary>
    public static string Render(string template, IReadOnlyDictionary<string, string> values) =>
        Placeholder().Replace(template, m =>
            m.Value == "{{" ? "{" : m.Value == "}}" ? "}" : values.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value);

    /// <summary>Placeholder names used in <paramref name="template"/>.</summary>
    public static IReadOnlyList<string> Names(string template) =>
        Placeholder().Matches(template).Where(m => m.Groups[1].Success).Select(m => m.Groups[1].Value).Distinct().ToList();

    [GeneratedRegex(@"\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex Placeholder();
}
