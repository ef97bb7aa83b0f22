using System.Text.Json;

namespace TmuxAgent.Host.Decisions;

/// <summary>
/// Finds the first complete JSON object in a model's output in time linear in its length, however hostile the output
/// (<c>{/*</c> repeated made the earlier "parse again from every <c>{</c>" take minutes at 1 MiB).
/// One pass marks every <c>{</c> outside strings and comments together with its matching <c>}</c> (prose between
/// objects is skipped; a <c>{</c> inside a string or comment is not a candidate). The candidates are then parsed in order
/// of where they start, each within its own braces; the first that parses is the object. A candidate fails at the latest
/// where its nesting passes the reader's depth limit (64), so every byte is read by at most 65 candidates. After
/// <see cref="MaxFailedCandidates"/> candidates that do not parse the search gives up (each failure costs an exception).
/// </summary>
public static class JsonObjectFinder
{
    private static readonly JsonReaderOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    /// <summary>Brace groups that are not JSON tried before the output counts as holding no object.</summary>
    public const int MaxFailedCandidates = 1000;

    private enum Lex { Prose, Code, String, LineComment, BlockComment }

    /// <summary>Start and length of the first complete JSON object in <paramref name="utf8"/>, or null.</summary>
    public static (int Start, int Length)? Find(ReadOnlySpan<byte> utf8)
    {
        var open = new Stack<int>();
        var closed = new List<(int Start, int End)>();
        var state = Lex.Prose;
        var failures = 0;
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
                        if (FirstParsing(utf8, closed, ref failures) is { } found) return found;
                        if (failures >= MaxFailedCandidates) return null;
                        closed.Clear();
                    }
                    else if (b == '"') state = Lex.String;
                    else if (b == '/' && i + 1 < utf8.Length && utf8[i + 1] is (byte)'/' or (byte)'*')
                        state = utf8[++i] == '/' ? Lex.LineComment : Lex.BlockComment;
                    break;
                case Lex.String:
                    if (b == '\\') i++;
                    else if (b is (byte)'"' or (byte)'\n') state = Lex.Code;   // JSON strings hold no raw newline: resynchronise
                    break;
                case Lex.LineComment:
                    if (b == '\n') state = Lex.Code;
                    break;
                case Lex.BlockComment:
                    if (b == '*' && i + 1 < utf8.Length && utf8[i + 1] == '/') { i++; state = Lex.Code; }
                    break;
            }
        }
        return FirstParsing(utf8, closed, ref failures);   // objects inside an outer brace that never closed
    }

    private static (int Start, int Length)? FirstParsing(ReadOnlySpan<byte> utf8, List<(int Start, int End)> candidates, ref int failures)
    {
        candidates.Sort((a, b) => a.Start.CompareTo(b.Start));
        foreach (var (start, end) in candidates)
        {
            if (failures >= MaxFailedCandidates) return null;
            var reader = new Utf8JsonReader(utf8[start..(end + 1)], isFinalBlock: true, new JsonReaderState(Options));
            try
            {
                if (reader.Read() && reader.TrySkip()) return (start, (int)reader.BytesConsumed);
            }
            catch (JsonException) { }
            failures++;
        }
        return null;
    }
}
