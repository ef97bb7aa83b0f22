using System.Text;
using System.Text.RegularExpressions;

namespace TmuxAgent.Host.Web.Dashboard.Branches;

/// <summary>What the branch page may show of a pane's text: escape sequences (CSI, OSC, charset and other nF designations, two-byte ESC) and other control
/// characters removed (tab and newline kept), trailing blank lines dropped, then the last <see cref="MaxLines"/> lines and at
/// most <see cref="MaxChars"/> characters.</summary>
public static partial class PaneText
{
    /// <summary>Lines shown at most.</summary>
    public const int MaxLines = 40;

    /// <summary>Characters shown at most (the end of the text is kept).</summary>
    public const int MaxChars = 8192;

    [GeneratedRegex(@"\x1B\[[0-?]*[ -/]*[@-~]|\x1B\][^\x07\x1B]*(?:\x07|\x1B\\)?|\x1B[ -/]+[0-~]|\x1B[@-Z\\-_]")]
    private static partial Regex EscapeSequence();

    /// <summary>The last lines of <paramref name="captured"/>, cleaned; <paramref name="truncated"/> when anything was cut.</summary>
    public static IReadOnlyList<string> Tail(string captured, out bool truncated)
    {
        var text = EscapeSequence().Replace(captured, "");
        var clean = new StringBuilder(text.Length);
        foreach (var ch in text) if (ch is '\n' or '\t' || !char.IsControl(ch)) clean.Append(ch);
        var lines = clean.ToString().TrimEnd('\n', ' ', '\t').Split('\n').Select(l => l.TrimEnd()).ToList();
        truncated = lines.Count > MaxLines;
        lines = lines.Skip(Math.Max(0, lines.Count - MaxLines)).ToList();
        var chars = 0;
        for (var i = lines.Count - 1; i >= 0; i--)
        {
            chars += lines[i].Length + 1;
            if (chars <= MaxChars) continue;
            truncated = true;
            var room = MaxChars - (chars - lines[i].Length - 1);
            lines[i] = room > 0 ? lines[i][^room..] : "";
            return lines.Skip(room > 0 ? i : i + 1).ToList();
        }
        return lines;
    }
}
