using System.Text.Json;
using TmuxAgent.Core.Projections.Replay;

namespace TmuxAgent.Replay.Sources;

/// <summary>
/// Reads the few fields the replay needs from a stored command event's JSON (<c>command_id</c>, <c>spec.text</c> or
/// <c>text</c>, <c>from_queue</c>, <c>dry_run</c>, <c>branch</c>, <c>at</c>) with one <see cref="Utf8JsonReader"/> pass over
/// its bytes, fingerprinting strings in place — no event object, no string. Anything unexpected returns false and the
/// caller deserialises the event the ordinary way.
/// </summary>
internal ref struct CommandFields
{
    public ulong CommandId, Text;
    public bool HasCommandId, HasText, FromQueue, DryRun;
    public ReadOnlySpan<byte> Branch;
    public DateTimeOffset At;
    private bool _hasBranch, _hasAt;

    public static bool TryRead(ReadOnlySpan<byte> json, Span<byte> scratch, out CommandFields f)
    {
        f = default;
        try
        {
            var r = new Utf8JsonReader(json);
            if (!r.Read() || r.TokenType != JsonTokenType.StartObject) return false;
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                if (r.ValueIsEscaped) return false;
                var key = r.ValueSpan;
                r.Read();
                if (key.SequenceEqual("command_id"u8)) f.HasCommandId = String(ref r, scratch, out f.CommandId) && f.CommandId != EmptyKey;
                else if (key.SequenceEqual("text"u8)) f.HasText = ReadText(ref r, scratch, out f.Text);
                else if (key.SequenceEqual("spec"u8))
                {
                    if (r.TokenType != JsonTokenType.StartObject) return false;
                    while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
                    {
                        if (r.ValueIsEscaped) return false;
                        var inner = r.ValueSpan;
                        r.Read();
                        if (inner.SequenceEqual("text"u8)) f.HasText = ReadText(ref r, scratch, out f.Text);
                        else r.Skip();
                    }
                }
                else if (key.SequenceEqual("from_queue"u8)) f.FromQueue = r.GetBoolean();
                else if (key.SequenceEqual("dry_run"u8)) f.DryRun = r.GetBoolean();
                else if (key.SequenceEqual("branch"u8))
                {
                    if (r.TokenType != JsonTokenType.String || r.ValueIsEscaped) return false;
                    f.Branch = r.ValueSpan;
                    f._hasBranch = true;
                }
                else if (key.SequenceEqual("at"u8)) f._hasAt = r.TokenType == JsonTokenType.String && r.TryGetDateTimeOffset(out f.At);
                else r.Skip();
            }
            return f._hasBranch && f._hasAt && f.Branch.Length > 0;
        }
        catch (Exception x) when (x is JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    private static readonly ulong EmptyKey = Utf8Key.Of([]);

    private static bool ReadText(ref Utf8JsonReader r, Span<byte> scratch, out ulong key)
    {
        key = 0;
        return r.TokenType != JsonTokenType.Null && String(ref r, scratch, out key);
    }

    private static bool String(ref Utf8JsonReader r, Span<byte> scratch, out ulong key)
    {
        key = 0;
        if (r.TokenType != JsonTokenType.String) throw new InvalidOperationException("not a string");
        if (!r.ValueIsEscaped) { key = Utf8Key.Of(r.ValueSpan); return true; }
        if (r.ValueSpan.Length > scratch.Length) throw new InvalidOperationException("too long");
        key = Utf8Key.Of(scratch[..r.CopyString(scratch)]);
        return true;
    }
}
