using System.Text.Json;
using Microsoft.Win32.SafeHandles;

namespace TmuxAgent.Core.Audit;

/// <summary>
/// The end of a mirror file, read backwards: whether its last line is torn (no line break, or not JSON) and
/// the <c>seq</c> of the last line that has one (0 when none: an empty file or one with only original lines).
/// </summary>
/// <param name="KeepLength">File length without the torn line.</param>
/// <param name="LastSeq">The last <c>seq</c> in the kept part.</param>
/// <param name="Torn">Whether a torn last line must be cut off.</param>
internal readonly record struct MirrorTail(long KeepLength, long LastSeq, bool Torn)
{
    public static MirrorTail Inspect(SafeFileHandle file)
    {
        var length = RandomAccess.GetLength(file);
        using var lines = new BackwardLineSplitter(file, length, 64 << 20);
        var keep = length;
        var torn = false;
        var first = true;
        while (lines.Previous(out var line, out var bytes))
        {
            var (start, terminated) = (line.Offset, line.Terminated);
            if (line.TooLong)
            {
                if (first && !terminated) (keep, torn) = (start, true); // a line that long is ours only if half-written
                first = false;
                continue;
            }
            if (bytes.IsEmpty && !terminated) continue;                 // the file ends with a line break
            if (bytes.Trim(" \t\r\n"u8).IsEmpty && terminated) continue; // blank lines are not the last line
            var seq = SeqOf(bytes, out var parses);
            if (first && (!terminated || !parses))
            {
                keep = start;
                torn = true;
                first = false;
                continue;
            }
            first = false;
            if (seq is { } s) return new MirrorTail(keep, s, torn);
        }
        return new MirrorTail(keep, 0, torn);
    }

    private static long? SeqOf(ReadOnlySpan<byte> line, out bool parses)
    {
        try
        {
            var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 512 });
            long? seq = null;
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) { parses = false; return null; }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isSeq = reader.ValueTextEquals("seq"u8);
                reader.Read();
                if (isSeq && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var v)) seq = v;
                else reader.Skip();
            }
            parses = reader.TokenType == JsonTokenType.EndObject && !reader.Read();
            return parses ? seq : null;
        }
        catch (JsonException) { parses = false; return null; }
    }
}
