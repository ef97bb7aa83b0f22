using System.Text.Json;

namespace TmuxAgent.Replay.Summary;

/// <summary>
/// The text the original replay prints for a <c>summary</c> line: its top-level <c>summary</c> (<c>event.get("summary")</c>,
/// printed when truthy): a non-empty string as is, a non-zero number as written, <c>true</c> as Python's <c>True</c>; null when
/// missing, empty, false, null or another JSON value (the original would print Python's repr of it).
/// Read once, for the last summary line, so a plain <see cref="JsonDocument"/> is fast enough.
/// </summary>
internal static class SummaryLine
{
    public static string? TextOf(ReadOnlySpan<byte> line)
    {
        try
        {
            var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 256 });
            using var doc = JsonDocument.ParseValue(ref reader);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return null;
            JsonElement? last = null;
            foreach (var p in doc.RootElement.EnumerateObject())
                if (p.NameEquals("summary")) last = p.Value;   // a duplicate key: the last wins, as in Python
            return last switch
            {
                { ValueKind: JsonValueKind.String } s => s.GetString() is { Length: > 0 } text ? text : null,
                { ValueKind: JsonValueKind.Number } n => n.TryGetDouble(out var v) && v == 0 ? null : n.GetRawText(),
                { ValueKind: JsonValueKind.True } => "True",
                _ => null,
            };
        }
        catch (JsonException) { return null; }
    }
}
