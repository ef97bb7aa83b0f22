namespace TmuxAgent.Tests.Agents.Fixtures;

/// <summary>The native Codex CLI and Claude Code binaries that <c>scripts/ensure-deps.sh</c> installs from npm (pinned
/// versions) under <c>TMUXAGENT_AGENTS_DIR</c> (default <c>/opt/tmuxagent-agents</c>); tests start them directly, without
/// the node launcher.</summary>
public static class AgentBinaries
{
    /// <summary>The environment variable naming the npm prefix.</summary>
    public const string DirVariable = "TMUXAGENT_AGENTS_DIR";

    /// <summary>The npm prefix holding <c>node_modules/@openai/codex</c> and <c>node_modules/@anthropic-ai/claude-code</c>.</summary>
    public static string Prefix => Environment.GetEnvironmentVariable(DirVariable) is { Length: > 0 } d ? d : "/opt/tmuxagent-agents";

    /// <summary>Codex CLI 0.169.0.</summary>
    public static string Codex => Require(Path.Combine(Prefix, "node_modules/@openai/codex-linux-x64/vendor/x86_64-unknown-linux-musl/bin/codex"));

    /// <summary>Claude Code 2.1.328.</summary>
    public static string Claude => Require(Path.Combine(Prefix, "node_modules/@anthropic-ai/claude-code-linux-x64/claude"));

    private static string Require(string path) => File.Exists(path)
        ? path
        : throw new FileNotFoundException($"{path} is missing: run scripts/ensure-deps.sh agents (or set {DirVariable})", path);
}
