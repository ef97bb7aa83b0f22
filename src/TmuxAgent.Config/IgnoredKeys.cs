namespace TmuxAgent.Config;

/// <summary>
/// Keys that are read (the original orchestrator's files carry them) but change nothing in this orchestrator yet:
/// each one present is reported as ignored, with file and line, by <c>--check-config</c> and at every start. The one
/// table of them: when a key gains an effect, delete its row.
/// </summary>
public static class IgnoredKeys
{
    /// <summary><c>orchestrator.toml</c> keys (<c>section.key</c> inside a table) and why they do nothing.</summary>
    public static IReadOnlyDictionary<string, string> Orchestrator { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // none: delegate_to_codex and [prompts] summary / delegate / stuck_detection have an effect (docs/agents.md)
    };

    /// <summary><c>agent-config.yaml</c> keys and why they do nothing.</summary>
    public static IReadOnlyDictionary<string, string> Agent { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["poll_interval_ms"] = "the loop runs every poll_interval of orchestrator.toml",
        ["sqlite_path"] = "the event store is store in orchestrator.toml or --store",
        ["approval_dir"] = "approvals come from the portal and LocalBus confirmations.jsonl",
    };

    /// <summary>The warning for a key present in a file: <c>has no effect here (ignored): why</c>.</summary>
    public static string Message(string why) => "has no effect here (ignored): " + why;
}
