using Microsoft.Win32.SafeHandles;
using System.Text;
using TmuxAgent.Replay.Summary;

namespace TmuxAgent.Replay.Sources;

/// <summary>Re-reads the command text of a few lines (last command, outstanding work) from the file by offset.</summary>
internal sealed class LineTexts(SafeFileHandle file)
{
    private readonly LineScanner _scanner = new();

    public string? TextOf(EventRecord r)
    {
        var bytes = new byte[r.Length];
        var n = RandomAccess.Read(file, bytes, r.Offset);
        return TextOf(_scanner, bytes.AsSpan(0, n), r.Event);
    }

    /// <summary><c>payload.text</c>, <c>command</c> of a confirmation, or <c>summary</c> of a summary.</summary>
    public static string? TextOf(LineScanner scanner, ReadOnlySpan<byte> line, int eventId)
    {
        if (eventId == EventIds.Summary) return SummaryLine.TextOf(line);
        if (scanner.Scan(line, out var f, out _) is not null) return null;
        var confirmation = eventId == EventIds.Confirmation;
        if (confirmation ? !f.HasConfirmedText : !f.HasPayloadText) return null;
        return Encoding.UTF8.GetString(scanner.Get(confirmation ? f.ConfirmedText : f.PayloadText, line));
    }
}
