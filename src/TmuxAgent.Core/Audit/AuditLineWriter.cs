using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using TmuxAgent.Core.Agents;
using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;
using TmuxAgent.Core.Serialization;
using TmuxAgent.Core.Store;

namespace TmuxAgent.Core.Audit;

/// <summary>
/// Writes stored events as audit lines in the superset format of FORMATS.md: the original's four shapes for
/// queued, dispatched, pending and answered commands, its <c>"summary"</c> shape for agent summaries,
/// <c>"data"</c> for every other event type, and
/// <c>seq</c> and <c>id</c> on every line. The lines carry everything <see cref="AuditLineDecoder"/> needs to
/// rebuild the event exactly.
/// </summary>
public static class AuditLineWriter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = false };

    /// <summary>The line of <paramref name="e"/>, without a line break.</summary>
    public static string Encode(StoredEvent e)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        Write(buffer, e);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes the line of <paramref name="e"/> (without a line break) to <paramref name="output"/>.</summary>
    public static void Write(IBufferWriter<byte> output, StoredEvent e)
    {
        BranchEvent? ev;
        try { ev = EventSerializer.FromStored(e); }
        catch (Exception x) when (x is UnknownEventTypeException or JsonException or NotSupportedException) { ev = null; }
        using var w = new Utf8JsonWriter(output, Options);
        w.WriteStartObject();
        if (ev is null) WriteRaw(w, e);
        else WriteEvent(w, ev, e.EventType);
        if (e.Stream.Branch is null) w.WriteString("stream", e.Stream.Value);
        w.WriteNumber("seq", e.Position);
        w.WriteString("id", e.EventId);
        w.WriteEndObject();
    }

    /// <summary>Writes the line of an event with global position <paramref name="seq"/> and id <paramref name="id"/>.</summary>
    public static string Encode(BranchEvent e, long seq, string id) =>
        Encode(new StoredEvent(id, EventTypes.NameOf(e), EventSerializer.ToJson(e), e.At, StreamName.ForBranch(e.Branch), 0, seq));

    private static void WriteHead(Utf8JsonWriter w, DateTimeOffset at, string? branch, string evt)
    {
        w.WriteNumber("ts", UnixTimestamp.ToSeconds(at));
        if (branch is not null) w.WriteString("branch", branch);
        w.WriteString("event", evt);
    }

    private static void WriteRaw(Utf8JsonWriter w, StoredEvent e)
    {
        WriteHead(w, e.Created, e.Stream.Branch, e.EventType);
        w.WritePropertyName("data");
        try { w.WriteRawValue(e.Data); }
        catch (JsonException) { w.WriteStringValue(e.Data); }
    }

    private static void WriteEvent(Utf8JsonWriter w, BranchEvent ev, string typeName)
    {
        switch (ev)
        {
            case CommandQueued q:
                WriteHead(w, q.At, q.Branch, AuditEventNames.Queued);
                WritePayload(w, q.Session, q.Spec, m =>
                {
                    m.WriteString("queue_id", q.CommandId);
                    m.WriteNumber("queued_at", UnixTimestamp.ToSeconds(q.At));
                    m.WriteString("command_id", q.CommandId);
                    m.WriteString("reason", q.Reason);
                });
                break;
            case CommandDispatched d:
                WriteHead(w, d.At, d.Branch, AuditEventNames.Command);
                WritePayload(w, d.Session, d.Spec, m =>
                {
                    if (d.FromQueue) m.WriteString("queue_id", d.CommandId);
                    m.WriteString("command_id", d.CommandId);
                    if (d.Approved) m.WriteBoolean("approved", true);
                });
                if (d.FromQueue) w.WriteBoolean("queued", true);
                if (d.DryRun) w.WriteBoolean("dry_run", true);
                break;
            case ConfirmationRequested r:
                WriteHead(w, r.At, r.Branch, AuditEventNames.PendingConfirmation);
                WritePayload(w, r.Session, r.Spec, m =>
                {
                    m.WriteString("command_id", r.CommandId);
                    m.WriteString("reason", r.Reason);
                });
                break;
            case ConfirmationApproved a:
                WriteConfirmation(w, a, "approved", a.CommandId, a.Text, a.Who, a.Channel, a.Comment);
                break;
            case ConfirmationDenied d:
                WriteConfirmation(w, d, "denied", d.CommandId, d.Text, d.Who, d.Channel, d.Comment);
                break;
            case SummaryRecorded s:
                WriteHead(w, s.At, s.Branch, AuditEventNames.Summary);
                w.WriteString("summary", s.Summary);
                break;
            default:
                WriteHead(w, ev.At, ev.Branch, typeName);
                w.WritePropertyName("data");
                w.WriteRawValue(EventSerializer.ToJson(ev), skipInputValidation: true);
                break;
        }
    }

    private static void WritePayload(Utf8JsonWriter w, string session, CommandSpec spec, Action<Utf8JsonWriter> meta)
    {
        w.WriteStartObject("payload");
        w.WriteString("session", session);
        if (spec.Text is not null) w.WriteString("text", spec.Text);
        w.WriteBoolean("enter", spec.Enter);
        w.WriteStartObject("meta");
        w.WriteString("risk_level", spec.RiskLevel);
        meta(w);
        if (spec.Keys.Count > 0)
        {
            w.WriteStartArray("keys");
            foreach (var k in spec.Keys) w.WriteStringValue(k);
            w.WriteEndArray();
        }
        if (spec.InputMode != InputModes.Shell) w.WriteString("input_mode", spec.InputMode);
        if (spec.Cwd is not null) w.WriteString("cwd", spec.Cwd);
        if (spec.Notes is not null) w.WriteString("notes", spec.Notes);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteConfirmation(Utf8JsonWriter w, BranchEvent e, string status, string commandId, string text, string who, string channel, string? comment)
    {
        WriteHead(w, e.At, e.Branch, AuditEventNames.Confirmation);
        w.WriteString("status", status);
        w.WriteString("command", text);
        w.WriteStartObject("meta");
        w.WriteString("who", who);
        w.WriteString("channel", channel);
        if (comment is not null) w.WriteString("comment", comment);
        w.WriteString("command_id", commandId);
        w.WriteEndObject();
    }
}
