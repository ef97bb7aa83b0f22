using System.Text.Json;
using TmuxAgent.Core.Agents;
using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;
using TmuxAgent.Core.Serialization;

namespace TmuxAgent.Core.Audit;

/// <summary>An event rebuilt from one of this project's audit lines.</summary>
/// <param name="Seq">Global position in the store.</param>
/// <param name="Id">Event id.</param>
/// <param name="Event">The branch event.</param>
public sealed record AuditEvent(long Seq, string Id, BranchEvent Event);

/// <summary>
/// Rebuilds the <see cref="BranchEvent"/> of a line this project wrote (<see cref="AuditLineWriter"/>).
/// Original-format lines (no <c>seq</c>/<c>id</c>) are not events of this project and are refused with a reason.
/// </summary>
public static class AuditLineDecoder
{
    /// <summary>The event of <paramref name="line"/>, or null with <paramref name="error"/> saying why not.</summary>
    public static AuditEvent? TryDecode(AuditLine line, out string? error) => TryDecode(line.Root, out error);

    /// <summary>The event of a parsed line object, or null with <paramref name="error"/> saying why not.</summary>
    public static AuditEvent? TryDecode(JsonElement root, out string? error)
    {
        error = null;
        if (!root.TryGetProperty("seq", out var seqEl) || !seqEl.TryGetInt64(out var seq)
            || !root.TryGetProperty("id", out var idEl) || idEl.ValueKind != JsonValueKind.String)
        {
            error = "original-format line (no seq/id)";
            return null;
        }
        try
        {
            var e = Decode(root);
            if (e is null) { error = $"unknown event type '{Str(root, "event")}'"; return null; }
            return new AuditEvent(seq, idEl.GetString()!, e);
        }
        catch (Exception x) when (x is JsonException or InvalidOperationException or KeyNotFoundException or FormatException or OverflowException)
        {
            error = $"cannot rebuild the event: {x.Message}";
            return null;
        }
    }

    private static BranchEvent? Decode(JsonElement root)
    {
        var evt = Str(root, "event") ?? throw new JsonException("missing 'event'");
        switch (evt)
        {
            case AuditEventNames.Queued:
            {
                var (session, spec, meta) = Payload(root);
                return new CommandQueued(Req(meta, "command_id"), session, spec, Req(meta, "reason")) { Branch = Branch(root), At = At(root) };
            }
            case AuditEventNames.Command:
            {
                var (session, spec, meta) = Payload(root);
                return new CommandDispatched(Req(meta, "command_id"), session, spec, Flag(root, "dry_run"), Flag(root, "queued"), Flag(meta, "approved"))
                    { Branch = Branch(root), At = At(root) };
            }
            case AuditEventNames.PendingConfirmation:
            {
                var (session, spec, meta) = Payload(root);
                return new ConfirmationRequested(Req(meta, "command_id"), session, spec, Req(meta, "reason")) { Branch = Branch(root), At = At(root) };
            }
            case AuditEventNames.Confirmation:
            {
                var meta = root.GetProperty("meta");
                var (id, text, who, channel, comment) = (Req(meta, "command_id"), Req(root, "command"), Req(meta, "who"), Req(meta, "channel"), Str(meta, "comment"));
                return Req(root, "status") switch
                {
                    "approved" => new ConfirmationApproved(id, text, who, channel, comment) { Branch = Branch(root), At = At(root) },
                    "denied" => new ConfirmationDenied(id, text, who, channel, comment) { Branch = Branch(root), At = At(root) },
                    var s => throw new JsonException($"unknown confirmation status '{s}'"),
                };
            }
            case AuditEventNames.Summary:
                return new SummaryRecorded(Req(root, "summary")) { Branch = Branch(root), At = At(root) };
            default:
                return EventTypes.TypeOf(evt) is null ? null : EventSerializer.FromJson(evt, root.GetProperty("data"));
        }
    }

    private static (string Session, CommandSpec Spec, JsonElement Meta) Payload(JsonElement root)
    {
        var p = root.GetProperty("payload");
        var meta = p.GetProperty("meta");
        var keys = meta.TryGetProperty("keys", out var k) ? k.EnumerateArray().Select(x => x.GetString()!).ToList() : new List<string>();
        var spec = new CommandSpec(Str(p, "text"), keys, p.GetProperty("enter").GetBoolean(), Req(meta, "risk_level"),
            Str(meta, "input_mode") ?? InputModes.Shell, Str(meta, "cwd"), Str(meta, "notes"));
        return (Req(p, "session"), spec, meta);
    }

    private static string Branch(JsonElement root) => Req(root, "branch");

    private static DateTimeOffset At(JsonElement root) => UnixTimestamp.FromSeconds(root.GetProperty("ts").GetDecimal());

    private static bool Flag(JsonElement o, string name) => o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    private static string? Str(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string Req(JsonElement o, string name) => Str(o, name) ?? throw new JsonException($"missing string '{name}'");
}
