using System.Globalization;
using System.Text.RegularExpressions;

namespace TmuxAgent.Host.Tmux;

/// <summary>
/// The shell-mode trailer that reports a command's exit status back through the pane:
/// <c>TEXT; printf '\n__TMUXAGENT_%s__ %s %s\n' EXIT TAG "$?"</c> prints <c>__TMUXAGENT_EXIT__ TAG STATUS</c>
/// on a line of its own. The typed line itself never matches (it holds <c>%s</c>, not <c>EXIT</c>).
/// </summary>
public static partial class SentinelTrailer
{
    /// <summary>A short tag for a command id (what the trailer prints).</summary>
    public static string TagOf(string commandId) => commandId.Replace("cmd-", "", StringComparison.Ordinal) is var s && s.Length > 12 ? s[..12] : commandId;

    /// <summary>What is typed for <paramref name="text"/>: wrapped in <c>timeout</c> when <paramref name="timeoutSeconds"/> &gt; 0, plus the trailer.</summary>
    public static string Wrap(string text, string tag, double timeoutSeconds)
    {
        var body = timeoutSeconds > 0
            ? $"timeout {timeoutSeconds.ToString("0.###", CultureInfo.InvariantCulture)} sh -c {ShellQuote(text)}"
            : text;
        return $"{body}; printf '\\n__TMUXAGENT_%s__ %s %s\\n' EXIT {tag} \"$?\"";
    }

    /// <summary>The exit status reported for <paramref name="tag"/> in <paramref name="paneText"/>, or null (the last report wins).</summary>
    public static int? FindExitStatus(string paneText, string tag)
    {
        int? found = null;
        foreach (Match m in ExitLine().Matches(paneText))
            if (m.Groups[1].Value == tag) found = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        return found;
    }

    /// <summary><paramref name="s"/> as one single-quoted shell word.</summary>
    public static string ShellQuote(string s) => "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    [GeneratedRegex(@"^__TMUXAGENT_EXIT__ (\S+) (\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex ExitLine();
}
