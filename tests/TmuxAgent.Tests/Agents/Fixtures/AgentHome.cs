using System.Text.Json.Nodes;

namespace TmuxAgent.Tests.Agents.Fixtures;

/// <summary>
/// A private configuration folder that points Codex CLI or Claude Code at a loopback <see cref="ModelServer"/> with no
/// first-run dialogs (../shared/AGENTS.md, "Pointing them at a loopback model server"), and the command line that starts
/// the agent in a tmux pane.
/// </summary>
public sealed record AgentHome(string Program, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string> Environment, string WorkDir)
{
    /// <summary>Codex's version, written where a first run would ask about it.</summary>
    public const string CodexVersion = "0.169.0";

    /// <summary>Claude Code's version, written as the last onboarding and release notes seen.</summary>
    public const string ClaudeVersion = "2.1.328";

    /// <summary>Codex with <c>CODEX_HOME</c> = <paramref name="home"/>/codex, working in <paramref name="workDir"/>.</summary>
    public static AgentHome Codex(string home, string workDir, Uri server)
    {
        var codexHome = Directory.CreateDirectory(Path.Combine(home, "codex")).FullName;
        File.WriteAllText(Path.Combine(codexHome, "config.toml"), $"""
            model = "loopback-model"
            model_provider = "fake"
            approval_policy = "never"
            sandbox_mode = "danger-full-access"
            check_for_update_on_startup = false

            [model_providers.fake]
            name = "loopback"
            base_url = "{new Uri(server, "v1")}"
            env_key = "LOOPBACK_MODEL_KEY"
            wire_api = "responses"
            requires_openai_auth = false
            supports_websockets = false
            request_max_retries = 0
            stream_max_retries = 0

            [features]
            plugins = false

            [analytics]
            enabled = false

            [feedback]
            enabled = false

            [otel]
            exporter = "none"

            [tui]
            screen_reader_detection_done = true
            show_tooltips = false

            [projects."{workDir}"]
            trust_level = "trusted"
            """);
        return new AgentHome(AgentBinaries.Codex, ["--no-daemon"], new Dictionary<string, string>
        {
            ["HOME"] = home, ["CODEX_HOME"] = codexHome, ["LOOPBACK_MODEL_KEY"] = "x", ["TERM"] = "xterm-256color",
        }, workDir);
    }

    /// <summary>Claude Code with <c>CLAUDE_CONFIG_DIR</c> = <paramref name="home"/>/claude, working in <paramref name="workDir"/>.</summary>
    public static AgentHome Claude(string home, string workDir, Uri server)
    {
        var dir = Directory.CreateDirectory(Path.Combine(home, "claude")).FullName;
        File.WriteAllText(Path.Combine(dir, ".claude.json"), new JsonObject
        {
            ["hasCompletedOnboarding"] = true,
            ["lastOnboardingVersion"] = ClaudeVersion,
            ["lastReleaseNotesSeen"] = ClaudeVersion,
            ["hasSeenAutoDefaultNotice"] = true,
            ["hasSeenAutoDefaultNudge"] = true,
            ["theme"] = "dark",
            ["projects"] = new JsonObject { [workDir] = new JsonObject { ["hasTrustDialogAccepted"] = true } },
        }.ToJsonString());
        File.WriteAllText(Path.Combine(dir, "settings.json"), new JsonObject
        {
            ["permissions"] = new JsonObject { ["defaultMode"] = "bypassPermissions" },
            ["skipDangerousModePermissionPrompt"] = true,
        }.ToJsonString());
        return new AgentHome(AgentBinaries.Claude, [], new Dictionary<string, string>
        {
            ["HOME"] = home, ["CLAUDE_CONFIG_DIR"] = dir,
            ["ANTHROPIC_BASE_URL"] = server.ToString().TrimEnd('/'), ["ANTHROPIC_AUTH_TOKEN"] = "x",
            ["IS_SANDBOX"] = "1", ["DISABLE_AUTOUPDATER"] = "1", ["DISABLE_TELEMETRY"] = "1",
            ["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"] = "1", ["CLAUDE_CODE_MAX_RETRIES"] = "0",
            ["TERM"] = "xterm-256color",
        }, workDir);
    }

    /// <summary>The agent with extra arguments (e.g. Codex's <c>exec …</c> or Claude's <c>-p …</c>).</summary>
    public AgentHome With(params string[] arguments) => this with { Arguments = [.. Arguments, .. arguments] };

    /// <summary>One shell command line for a tmux pane: <c>env K='V' … 'program' 'arg' …</c>.</summary>
    public string ShellCommand =>
        "env " + string.Join(' ', Environment.Select(kv => $"{kv.Key}={Quote(kv.Value)}"))
        + " " + string.Join(' ', new[] { Program }.Concat(Arguments).Select(Quote));

    private static string Quote(string s) => "'" + s.Replace("'", "'\\''") + "'";
}
