using Microsoft.Win32.SafeHandles;
using System.Text;
using TmuxAgent.Core.Projections.Replay;
using TmuxAgent.Replay.Summary;

namespace TmuxAgent.Replay.Sources;

/// <summary>Re-reads the text of a few lines (last command, last summary, outstanding work) from the file by offset.</summary>
internal sealed class LineTexts(SafeFileHandle file)
{
    private readonly LineScanner _scanner = new();

    public string? TextOf(ReplayRecord r)
    {
        var bytes = new byte[r.Length];
        var n = RandomAccess.Read(file, bytes, r.Locator);
        return TextOf(_scanner, bytes.AsSpan(0, n), r.Event);
    }

    /// <summary><c>payload.text</c>, <c>command</c> of a confirmation, or <c>summary</c> of a summary.</summary>
    public static string? TextOf(LineScanner scanner, ReadOnlySpan<byte> line, int eventId)
    {
        if (eventId == ReplayEventIds.Summary) return SummaryLine.TextOf(line);
        if (scanner.Scan(line, out var f, out _) is not null) return null;
        var confirmation = eventId == ReplayEventIds.Confirmation;
        if (confirmation ? !f.HasConfirmedText : !f.HasPayloadText) return null;
        return Encoding.UTF8.GetString(scanner.Get(confirmation ? f.ConfirmedText : f.PayloadText, line));
    }
}
