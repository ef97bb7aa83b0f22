using System.Globalization;
using System.Text;

namespace TmuxAgent.Core.Commands;

/// <summary>
/// Text from a decision source as it is safe to show on a terminal or in a log line: control characters (ESC, NUL, CR,
/// newline, DEL, C1) become escapes such as <c>\x1b</c> and <c>\n</c>, and bidirectional controls (U+202A–U+202E,
/// U+2066–U+2069, U+200E, U+200F), which reorder what a reader sees, become <c>\u202e</c>. A backslash stays as it is.
/// </summary>
public static class VisibleText
{
    /// <summary>Whether <paramref name="c"/> is a bidirectional formatting control.</summary>
    public static bool IsBidiControl(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F';

    /// <summary><paramref name="s"/> with every control and bidi control written as an escape (null stays null).</summary>
    public static string? Escape(string? s)
    {
        if (s is null || !s.AsSpan().ContainsAny(Hidden)) return s;
        var b = new StringBuilder(s.Length + 16);
        foreach (var c in s)
        {
            if (!Hidden.Contains(c)) b.Append(c);
            else if (c == '\n') b.Append("\\n");
            else if (c == '\t') b.Append("\\t");
            else if (c == '\r') b.Append("\\r");
            else if (c < 0x100) b.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
            else b.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
        }
        return b.ToString();
    }

    private static readonly System.Buffers.SearchValues<char> Hidden = System.Buffers.SearchValues.Create(
        string.Concat(Enumerable.Range(0, 0x2070).Select(i => (char)i).Where(c => c < 0x20 || c is >= '\x7f' and <= '\x9f' || IsBidiControl(c))));
}
