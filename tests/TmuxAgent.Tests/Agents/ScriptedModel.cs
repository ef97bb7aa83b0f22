using TmuxAgent.Tests.Host;

namespace TmuxAgent.Tests.Agents;

/// <summary>
/// A decision command for <c>[codex] bin</c>: a shell script that answers by which template the prompt came from
/// (the templates carry a marker word) and keeps every prompt it was given in <c>prompts/</c>.
/// </summary>
internal static class ScriptedModel
{
    public const string SummaryMarker = "SUMMARY-TEMPLATE";
    public const string StuckMarker = "STUCK-TEMPLATE";
    public const string DelegateMarker = "DELEGATE-TEMPLATE";

    /// <summary>Writes the script; each answer is a shell fragment (its stdout is the answer; <c>exit 3</c> fails).</summary>
    public static string Write(TempDir dir, string summary = "echo '{\"summary\": \"the agent printed done\"}'",
        string stuck = "echo '{\"stuck\": false, \"reason\": \"working\"}'", string decision = "echo '{\"commands\": []}'")
    {
        Directory.CreateDirectory(dir["prompts"]);
        return dir.Script("model.sh", $"""
            prompt=$(cat)
            n=$(ls '{dir["prompts"]}' | wc -l)
            printf '%s' "$prompt" > '{dir["prompts"]}'/$n.txt
            case "$prompt" in
              *{SummaryMarker}*) {summary} ;;
              *{StuckMarker}*) {stuck} ;;
              *) {decision} ;;
            esac
            """);
    }

    /// <summary>The prompts the script received that hold <paramref name="marker"/>.</summary>
    public static IReadOnlyList<string> Prompts(TempDir dir, string marker) =>
        Directory.Exists(dir["prompts"])
            ? Directory.GetFiles(dir["prompts"]).Select(File.ReadAllText).Where(p => p.Contains(marker, StringComparison.Ordinal)).ToList()
            : [];

    /// <summary>The toml of <c>[codex]</c> and <c>[prompts]</c> for the script and the marked templates.</summary>
    public static string Toml(TempDir dir, string bin, bool summary = true, bool stuck = true)
    {
        var prompts = "[prompts]\n";
        if (summary) prompts += $"summary = \"{dir.File("prompts-in/summary.md", SummaryMarker + " for {branch} in {session}\nMETA {metadata}\nPANE\n{log_excerpt}\n")}\"\n";
        if (stuck) prompts += $"stuck_detection = \"{dir.File("prompts-in/stuck.md", StuckMarker + " for {branch}\nERRORS {agent_errors}\nMETA {metadata}\nPANE\n{log_excerpt}\n")}\"\n";
        return $"[codex]\nbin = \"{bin}\"\ntimeout = 20\n\n{prompts}\n";
    }
}
