using System.Text.Json;

namespace TmuxAgent.Host.LocalBus;

/// <summary>One line of <c>confirmations.jsonl</c>.</summary>
/// <param name="Line">1-based line number in the file.</param>
/// <param name="Id">The record's own id.</param>
/// <param name="Branch">Branch.</param>
/// <param name="Approve">True for approve|approved|ok, false for deny|denied|reject.</param>
/// <param name="CommandId">Pending command id (wins).</param>
/// <param name="CommandText">Exact pending command text (as the original wrote it).</param>
/// <param name="Who">From <c>meta</c>: who.</param>
/// <param name="Where">From <c>meta</c>: where.</param>
/// <param name="Comment">From <c>meta</c> or the record: a comment.</param>
/// <param name="Ts">When the record was written (<c>ts</c>, Unix seconds: a JSON number or a string holding a decimal
/// number, as the audit log's); null when missing or unreadable.</param>
public sealed record ConfirmationRecord(int Line, string? Id, string Branch, bool Approve, string? CommandId, string? CommandText,
    string Who, string Where, string? Comment, double? Ts = null)
{
    /// <summary>Whether the record may apply to a command requested at <paramref name="requestedAt"/>: only when it was
    /// written at or after that moment (to the millisecond). A record without a valid <c>ts</c> applies to nothing (fail
    /// closed): an old approval replayed from the file cannot approve a new command with the same text.</summary>
    public bool WrittenAfter(DateTimeOffset requestedAt) =>
        Ts is { } ts && double.IsFinite(ts) && ts > 0 && Math.Round(ts * 1000) >= requestedAt.ToUnixTimeMilliseconds();

    private static readonly string[] Approvals = ["approve", "approved", "ok"];
    private static readonly string[] Denials = ["deny", "denied", "reject"];

    /// <summary>Whether the record names a command at all (a record naming neither approves nothing).</summary>
    public bool NamesCommand => !string.IsNullOrEmpty(CommandId) || !string.IsNullOrEmpty(CommandText);

    /// <summary>The record on <paramref name="json"/>, or an error message.</summary>
    public static (ConfirmationRecord? Record, string? Error) Parse(string json, int line)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var o = doc.RootElement;
            if (o.ValueKind != JsonValueKind.Object) return (null, "not a JSON object");
            var branch = Str(o, "branch");
            if (string.IsNullOrEmpty(branch)) return (null, "no \"branch\"");
            var action = (Str(o, "action") ?? "").Trim().ToLowerInvariant();
            bool approve;
            if (Approvals.Contains(action)) approve = true;
            else if (Denials.Contains(action)) approve = false;
            else return (null, $"unknown \"action\": \"{action}\"");
            var meta = o.TryGetProperty("meta", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
            string? MetaStr(string k) => meta.ValueKind == JsonValueKind.Object ? Str(meta, k) : null;
            return (new ConfirmationRecord(line, Str(o, "id"), branch, approve, Str(o, "command_id"), Str(o, "command"),
                MetaStr("who") ?? MetaStr("user") ?? MetaStr("by") ?? "local_bus", MetaStr("where") ?? MetaStr("channel") ?? "local_bus",
                Str(o, "comment") ?? MetaStr("comment"), TsOf(o)), null);
        }
        catch (JsonException e) { return (null, "not JSON: " + e.Message); }
    }

    private static double? TsOf(JsonElement o)
    {
        if (!o.TryGetProperty("ts", out var v)) return null;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var n)) return n;
        if (v.ValueKind == JsonValueKind.String && double.TryParse(v.GetString(), System.Globalization.NumberStyles.Float,
                System.Globalization.CultureInfo.InvariantCulture, out var s)) return s;
        return null;
    }

    private static string? Str(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) ? v.ValueKind switch { JsonValueKind.String => v.GetString(), JsonValueKind.Number => v.GetRawText(), _ => null } : null;
}
