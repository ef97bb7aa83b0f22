using System.Text.Json;
using TmuxAgent.Core.Audit;

namespace TmuxAgent.Replay.Compare;

/// <summary>What a drill compares of one branch: its command sequence, confirmations and max queue depth.</summary>
internal sealed class BranchDigest
{
    private readonly HashSet<string> _seenQueueIds = new(StringComparer.Ordinal);
    private long _depth;

    public List<string> Commands { get; } = [];
    public List<string> Approved { get; } = [];
    public List<string> Denied { get; } = [];
    public int Requested { get; private set; }
    public int Queued { get; private set; }
    public long MaxQueueDepth { get; private set; }

    /// <summary>Folds one line of this branch (the original's queue-depth rule, per branch).</summary>
    public void Apply(AuditLine line)
    {
        var payload = line.Root.TryGetProperty("payload", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
        var queueId = payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty("meta", out var m) && m.ValueKind == JsonValueKind.Object
            && m.TryGetProperty("queue_id", out var q) && q.ValueKind == JsonValueKind.String && q.GetString() is { Length: > 0 } s ? s : null;
        switch (line.Event)
        {
            case AuditEventNames.Queued or AuditEventNames.PendingConfirmation:
                if (line.Event == AuditEventNames.Queued) Queued++; else Requested++;
                _depth++;
                if (queueId is not null) _seenQueueIds.Add(queueId);
                break;
            case AuditEventNames.Confirmation:
                _depth = Math.Max(0, _depth - 1);
                var text = Str(line.Root, "command") ?? "";
                if (Str(line.Root, "status") == "denied") Denied.Add(text); else Approved.Add(text);
                break;
            case AuditEventNames.Command:
                Commands.Add(payload.ValueKind == JsonValueKind.Object ? Str(payload, "text") ?? "(no text)" : "(no text)");
                var queued = line.Root.TryGetProperty("queued", out var qd) && qd.ValueKind == JsonValueKind.True;
                if (queueId is not null && _seenQueueIds.Remove(queueId) || queued) _depth = Math.Max(0, _depth - 1);
                break;
        }
        MaxQueueDepth = Math.Max(MaxQueueDepth, _depth);
    }

    private static string? Str(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
