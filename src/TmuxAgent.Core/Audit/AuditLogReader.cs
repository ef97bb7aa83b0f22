using System.Text.Json;
using System.Text.Unicode;
using Microsoft.Win32.SafeHandles;

namespace TmuxAgent.Core.Audit;

/// <summary>Limits of <see cref="AuditLogReader"/>.</summary>
/// <param name="MaxLineBytes">Longer lines are skipped (<see cref="SkipReason.TooLong"/>) without being held in memory.</param>
/// <param name="MaxDepth">Deeper nesting is skipped (<see cref="SkipReason.TooDeep"/>).</param>
public sealed record AuditLogReaderOptions(int MaxLineBytes = 4 << 20, int MaxDepth = 512)
{
    /// <summary>4 MiB lines, depth 512.</summary>
    public static AuditLogReaderOptions Default { get; } = new();
}

/// <summary>
/// Streams an audit log line by line in constant memory and accepts both the original's lines and this
/// project's. Every line comes back: as an <see cref="AuditLine"/> or as a <see cref="SkippedLine"/> with its
/// 1-based number and reason (blank, invalid UTF-8, not JSON, not an object, bad <c>ts</c>, too long, too deep,
/// torn last line). Nothing is dropped silently.
/// </summary>
public sealed class AuditLogReader(AuditLogReaderOptions? options = null)
{
    private readonly AuditLogReaderOptions _options = options ?? AuditLogReaderOptions.Default;

    /// <summary>Every line of the file at <paramref name="path"/>, in order.</summary>
    public IEnumerable<AuditEntry> ReadFile(string path)
    {
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        foreach (var e in Read(file, 0, RandomAccess.GetLength(file))) yield return e;
    }

    /// <summary>Every line of <c>[start, end)</c> of an open file, in order.</summary>
    public IEnumerable<AuditEntry> Read(SafeFileHandle file, long start, long end, long firstLineNumber = 1)
    {
        using var splitter = new LineSplitter(file, start, end, _options.MaxLineBytes, firstLineNumber);
        while (true)
        {
            AuditEntry entry;
            {
                if (!splitter.Next(out var span, out var bytes)) yield break;
                entry = Parse(span, bytes, _options);
            }
            yield return entry;
        }
    }

    /// <summary>Parses one line (<see cref="LineSplitter"/> output) into an entry.</summary>
    public static AuditEntry Parse(LineSpan span, ReadOnlySpan<byte> bytes, AuditLogReaderOptions options)
    {
        if (span.TooLong) return Skip(span, SkipReason.TooLong, $"{span.Length} bytes, limit {options.MaxLineBytes}");
        var trimmed = bytes.Trim(" \t\r\n\f\v"u8);
        if (trimmed.IsEmpty) return Skip(span, SkipReason.Blank, null);
        var reason = Classify(trimmed, options, out var doc, out var detail);
        if (reason is { } r) return Skip(span, span.Terminated || r == SkipReason.TooLong ? r : SkipReason.TornLastLine, detail);
        var root = doc!.RootElement;
        var ts = LineRules.ReadTs(root, out var tsError);
        if (tsError is not null) return Skip(span, span.Terminated ? SkipReason.BadTimestamp : SkipReason.TornLastLine, tsError);
        var evt = LineRules.ReadEvent(root, out var evtError);
        if (evtError is not null) return Skip(span, span.Terminated ? SkipReason.BadEvent : SkipReason.TornLastLine, evtError);
        var branch = root.TryGetProperty("branch", out var b) && b.ValueKind == JsonValueKind.String ? b.GetString() : null;
        return new AuditLine(root, ts, branch, evt!) { LineNumber = span.Number, Offset = span.Offset };
    }

    private static SkipReason? Classify(ReadOnlySpan<byte> bytes, AuditLogReaderOptions options, out JsonDocument? doc, out string? detail)
    {
        doc = null;
        detail = null;
        if (!Utf8.IsValid(bytes)) { detail = "at byte " + InvalidUtf8At(bytes); return SkipReason.InvalidUtf8; }
        try
        {
            doc = JsonDocument.Parse(bytes.ToArray(), new JsonDocumentOptions { MaxDepth = options.MaxDepth });
        }
        catch (JsonException x)
        {
            detail = bytes.Contains((byte)0) ? "contains NUL bytes" : FirstSentence(x.Message);
            return x.Message.Contains("depth", StringComparison.OrdinalIgnoreCase) ? SkipReason.TooDeep : SkipReason.InvalidJson;
        }
        if (doc.RootElement.ValueKind == JsonValueKind.Object) return null;
        detail = "a JSON " + doc.RootElement.ValueKind.ToString().ToLowerInvariant();
        return SkipReason.NotAnObject;
    }

    private static int InvalidUtf8At(ReadOnlySpan<byte> bytes)
    {
        var lo = 0;
        var hi = bytes.Length;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (Utf8.IsValid(bytes[..mid])) lo = mid; else hi = mid - 1;
        }
        return lo;
    }

    private static string FirstSentence(string message)
    {
        var i = message.IndexOf(". ", StringComparison.Ordinal);
        return i > 0 ? message[..i] : message.TrimEnd('.');
    }

    private static SkippedLine Skip(LineSpan span, SkipReason reason, string? detail) =>
        new(reason, detail, span.Terminated) { LineNumber = span.Number, Offset = span.Offset };
}
