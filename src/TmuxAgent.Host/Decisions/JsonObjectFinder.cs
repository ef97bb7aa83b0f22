using System.Text.Json;

namespace TmuxAgent.Host.Decisions;

/// <summary>
/// Finds the first complete JSON object in a model's output in time linear in its length, however hostile the output
/// (<c>{/*</c> repeated made the earlier "parse again from every <c>{</c>" take minutes at 1 MiB).
/// One pass marks every <c>{</c> outside strings and comments together with its matching <c>}</c> (prose between
/// objects is skipped; a <c>{</c> inside a string or comment is not a candidate). The candidates are then parsed in order
/// of where they start, each within its own braces; the first that parses is the object. A candidate fails at the latest
/// where its nesting passes the reader's depth limit (64), so every byte is read by at most 65 candidates.
/// </summary>
public static class JsonObjectFinder
{
    private static readonly JsonReaderOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    private enum Lex { Prose, Code, String, LineComment, BlockComment }

    /// <summary>Start and length of the first complete JSON object in <paramref name="utf8"/>, or null.</summary>
    public static (int Start, int Length)? Find(ReadOnlySpan<byte> utf8)
    {
        var open = new Stack<int>();
        var closed = new List<(int Start, int End)>();
        var state = Lex.Prose;
        for (var i = 0; i < utf8.Length; i++)
        {
            var b = utf8[i];
            switch (state)
            {
                case Lex.Prose:
                    if (b == '{') { open.Push(i); state = Lex.Code; }
                    break;
                case Lex.Code:
                    if (b == '{') open.Push(i);
                    else if (b == '}')
                    {
                        closed.Add((open.Pop(), i));
                        if (open.Count > 0) break;
                        state = Lex.Prose;
                        if (FirstParsing(utf8, closed) is { } found) return found;
                        closed.Clear();
                    }
                    else if (b == '"') state = Lex.String;
                    else if (b == '/' && i + 1 < utf8.Length && utf8[i + 1] is (byte)'/' or (byte)'*')
                        state = utf8[++i] == '/' ? Lex.LineComment : Lex.BlockComment;
                    break;
                case Lex.String:
                    if (b == '\\') i++;
                    else if (b == '"') state = Lex.Code;
                    break;
                case Lex.LineComment:
                    if (b == '\n') state = Lex.Code;
                    break;
                case Lex.BlockComment:
                    if (b == '*' && i + 1 < utf8.Length && utf8[i + 1] == '/') { i++; state = Lex.Code; }
                    break;
            }
        }
        return FirstParsing(utf8, closed);   // objects inside an outer brace that never closed
    }

    private static (int Start, int Length)? FirstParsing(ReadOnlySpan<byte> utf8, List<(int Start, int End)> candidates)
    {
        candidates.Sort((a, b) => a.Start.CompareTo(b.Start));
        foreach (var (start, end) in candidates)
        {
            var reader = new Utf8JsonReader(utf8[start..(end + 1)], isFinalBlock: true, new JsonReaderState(Options));
            try
            {
                if (reader.Read() && reader.TrySkip()) return (start, (int)reader.BytesConsumed);
            }
            catch (JsonException) { }
        }
        return null;
    }
}
