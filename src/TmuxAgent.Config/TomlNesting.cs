namespace TmuxAgent.Config;

/// <summary>
/// Where TOML arrays and inline tables first nest deeper than a limit: Tomlyn refuses such a file but says not where,
/// so this linear scan (strings and comments skipped) finds the bracket for the message.
/// </summary>
internal static class TomlNesting
{
    /// <summary>Line and column (1-based) of the first <c>[</c> or <c>{</c> deeper than <paramref name="maxDepth"/>, or (1, 1).</summary>
    public static (int Line, int Column) FirstTooDeep(string text, int maxDepth)
    {
        int depth = 0, line = 1, lineStart = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\n': line++; lineStart = i + 1; break;
                case '#': while (i + 1 < text.Length && text[i + 1] != '\n') i++; break;
                case '"' or '\'':
                    var quote = text.AsSpan(i).StartsWith(new string(c, 3)) ? new string(c, 3) : c.ToString();
                    var end = Closing(text, i + quote.Length, quote, c == '"');
                    for (var k = i; k < end && k < text.Length; k++) if (text[k] == '\n') { line++; lineStart = k + 1; }
                    i = end + quote.Length - 1;
                    break;
                case '[' or '{' when ++depth > maxDepth: return (line, i - lineStart + 1);
                case ']' or '}': depth = Math.Max(0, depth - 1); break;
            }
        }
        return (1, 1);
    }

    private static int Closing(string text, int from, string quote, bool escapes)
    {
        for (var i = from; i < text.Length; i++)
        {
            if (escapes && text[i] == '\\') { i++; continue; }
            if (text.AsSpan(i).StartsWith(quote)) return i;
            if (quote.Length == 1 && text[i] == '\n') return i;
        }
        return text.Length;
    }
}
