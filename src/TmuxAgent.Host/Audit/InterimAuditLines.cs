using System.Text.Json;
using System.Text.Json.Nodes;
using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;
using TmuxAgent.Core.Serialization;
using TmuxAgent.Core.Store;

namespace TmuxAgent.Host.Audit;

/// <summary>
/// TEMPORARY (until Core's AuditMirror is implemented on its branch): one audit line per stored event in the
/// shapes of FORMATS.md — <c>queued</c>, <c>command</c>, <c>pending_confirmation</c>, <c>confirmation</c> — and this
/// project's own events under their stored type names; every line carries <c>seq</c> and <c>id</c>.
/// </summary>
internal static class InterimAuditLines
{
    public static string For(StoredEvent stored)
    {
        var e = EventSerializer.FromStored(stored);
        var line = new JsonObject
        {
            ["ts"] = Math.Round(e.At.ToUnixTimeMilliseconds() / 1000.0, 3),
            ["branch"] = e.Branch,
        };
        switch (e)
        {
            case CommandQueued q:
                line["event"] = "queued";
                line["payload"] = Payload(q.Session, q.Spec, q.CommandId, q.At, q.Reason);
                break;
            case CommandDispatched d:
                line["event"] = "command";
                line["payload"] = Payload(d.Session, d.Spec, d.CommandId, d.At, null);
                if (d.FromQueue) line["queued"] = true;
                if (d.DryRun) line["dry_run"] = true;
                break;
            case ConfirmationRequested r:
                line["event"] = "pending_confirmation";
                line["payload"] = Payload(r.Session, r.Spec, r.CommandId, r.At, r.Reason);
                break;
            case ConfirmationApproved a:
                line["event"] = "confirmation"; line["status"] = "approved"; line["command"] = a.Text;
                line["meta"] = Meta(a.CommandId, a.Who, a.Channel, a.Comment);
                break;
            case ConfirmationDenied d:
                line["event"] = "confirmation"; line["status"] = "denied"; line["command"] = d.Text;
                line["meta"] = Meta(d.CommandId, d.Who, d.Channel, d.Comment);
                break;
            default:
                line["event"] = stored.EventType;
                line["payload"] = JsonNode.Parse(stored.Data);
                break;
        }
        line["seq"] = stored.Position;
        line["id"] = stored.EventId;
        return line.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private static JsonObject Payload(string session, CommandSpec spec, string commandId, DateTimeOffset at, string? reason)
    {
        var meta = new JsonObject
        {
            ["risk_level"] = spec.RiskLevel, ["queue_id"] = commandId, ["queued_at"] = at.ToUnixTimeMilliseconds() / 1000.0,
            ["input_mode"] = spec.InputMode,
        };
        if (reason is not null) meta["reason"] = reason;
        if (spec.Keys.Count > 0) meta["keys"] = new JsonArray(spec.Keys.Select(k => (JsonNode)k).ToArray());
        return new JsonObject { ["session"] = session, ["text"] = spec.Display, ["enter"] = spec.Enter, ["meta"] = meta };
    }

    private static JsonObject Meta(string commandId, string who, string channel, string? comment) => new()
    {
        ["command_id"] = commandId, ["who"] = who, ["channel"] = channel, ["comment"] = comment,
    };
}
