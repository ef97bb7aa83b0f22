using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using TmuxAgent.Core.Audit;

namespace TmuxAgent.Replay.Summary;

/// <summary>
/// Reads one audit line with <see cref="Utf8JsonReader"/>: validates it the way the original's <c>json.loads</c>
/// would (plus UTF-8, depth, object and <c>ts</c> checks the original lacks) and picks out <see cref="LineFacts"/>.
/// Escaped strings are unescaped into a scratch buffer; nothing else is allocated.
/// </summary>
internal sealed class LineScanner(int maxDepth = 512, bool fastPath = true)
{
    private static ReadOnlySpan<byte> Whitespace => " \t\r\n\f\v"u8;
    private readonly JsonReaderOptions _options = new() { MaxDepth = maxDepth };
    private byte[] _scratch = new byte[4096];
    private ulong[] _quotes = new ulong[64];
    private int _scratchUsed;

    /// <summary>The facts of <paramref name="line"/>, or the reason it is skipped (with a detail when one helps).</summary>
    public SkipReason? Scan(ReadOnlySpan<byte> line, out LineFacts facts, out string? detail)
    {
        facts = default;
        facts.Ts = double.NaN;
        detail = null;
        // Every whitespace byte is at most ' ': most lines start and end with other bytes and need no trimming.
        var leading = line.IsEmpty || line[0] > ' ' ? 0 : line.Length - line.TrimStart(Whitespace).Length;
        var trimmed = line[leading..];
        if (!trimmed.IsEmpty && trimmed[^1] <= ' ') trimmed = trimmed.TrimEnd(Whitespace);
        if (trimmed.IsEmpty) return SkipReason.Blank;
        if (fastPath)
        {
            // One vector pass marks the quotes and tells whether the line is pure ASCII (most are: no UTF-8 check needed).
            var upToEnd = line[..(leading + trimmed.Length)];
            var words = (upToEnd.Length + 63) >> 6;
            if (_quotes.Length < words) _quotes = new ulong[Math.Max(words, _quotes.Length * 2)];
            var quotes = _quotes.AsSpan(0, words);
            var indexed = FastLineScan.IndexQuotes(upToEnd, quotes, out var nonAscii);
            if (nonAscii && !Utf8.IsValid(trimmed)) return SkipReason.InvalidUtf8;
            if (FastLineScan.TryScan(upToEnd, leading, ref facts, indexed ? quotes : default)) return null;
        }
        else if (!Utf8.IsValid(trimmed)) return SkipReason.InvalidUtf8;
        facts = default;
        facts.Ts = double.NaN;
        if (_scratch.Length < trimmed.Length) _scratch = new byte[Math.Max(trimmed.Length, _scratch.Length * 2)];
        _scratchUsed = 0; // unescaped strings are never longer than the line
        try
        {
            var reader = new Utf8JsonReader(trimmed, isFinalBlock: true, new JsonReaderState(_options));
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                var kind = Describe(reader.TokenType);
                reader.Skip();
                while (reader.Read()) { }
                detail = "a JSON " + kind;
                return SkipReason.NotAnObject;
            }
            var state = new ObjectState();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                TopLevel(ref reader, ref facts, ref state);
            while (reader.Read()) { } // anything after the object is an error
            state.CommandIds(ref facts);
            return state.Verdict(out detail);
        }
        catch (JsonException x)
        {
            if (x.Message.Contains("depth", StringComparison.OrdinalIgnoreCase)) { detail = $"deeper than {_options.MaxDepth}"; return SkipReason.TooDeep; }
            detail = trimmed.Contains((byte)0) ? "contains NUL bytes" : FirstSentence(x.Message);
            return SkipReason.InvalidJson;
        }
    }

    /// <summary>Which key the reader stands on at nesting <paramref name="level"/> (see <see cref="AuditKeys.Of"/>): the one key
    /// table of both scanners; an escaped name is unescaped first.</summary>
    private static AuditKey KeyOf(ref Utf8JsonReader r, int level)
    {
        if (!r.ValueIsEscaped) return AuditKeys.Of(r.ValueSpan, level);
        if (r.ValueSpan.Length > 64) return AuditKey.Other; // no key the replay reads is that long, escaped or not
        Span<byte> name = stackalloc byte[64];
        return AuditKeys.Of(name[..r.CopyString(name)], level);
    }

    /// <summary>
    /// What the slow path keeps of the keys it read in the line's object. Each key the fold reads is decided by its last
    /// occurrence, as <c>json.loads</c> decides it (a later duplicate replaces an earlier one, objects included: a
    /// second <c>payload</c> or <c>meta</c> is not merged into the first), so every occurrence resets what the earlier
    /// ones set, their errors included.
    /// </summary>
    private struct ObjectState
    {
        public SkipReason? TsError, EventError;
        public string? TsDetail, EventDetail;
        /// <summary>The <c>event</c> key came before any <c>ts</c> key: its error is reported first.</summary>
        public bool EventFirst, SeenTs;
        /// <summary><c>command_id</c> of the top-level <c>meta</c> and of <c>payload.meta</c>, with the position of the
        /// last top-level key they came from (0: none): the later one wins when it is a string, else the other.</summary>
        public CommandIdSource TopMeta, PayloadMeta;
        public int Members;

        public readonly SkipReason? Verdict(out string? detail)
        {
            var eventFirst = EventFirst && EventError is not null || TsError is null;
            detail = eventFirst ? EventDetail : TsDetail;
            return eventFirst ? EventError : TsError;
        }

        public readonly void CommandIds(ref LineFacts f)
        {
            var (later, earlier) = TopMeta.At > PayloadMeta.At ? (TopMeta, PayloadMeta) : (PayloadMeta, TopMeta);
            var id = later.IsString ? later : earlier;
            if (!id.IsString) return;
            f.CommandId = id.Value;
            f.HasCommandId = id.Value.Length > 0;
        }
    }

    private struct CommandIdSource
    {
        public int At;
        public bool IsString;
        public Utf8Slice Value;
    }

    private void TopLevel(ref Utf8JsonReader r, ref LineFacts f, ref ObjectState line)
    {
        var key = KeyOf(ref r, 0);
        r.Read();
        line.Members++;
        switch (key)
        {
            case AuditKey.Ts:
                line.SeenTs = true;
                line.TsDetail = null;
                line.TsError = ReadTs(ref r, ref f, ref line.TsDetail);
                return;
            case AuditKey.Event:
                if (!line.SeenTs) line.EventFirst = true;
                if (r.TokenType == JsonTokenType.String)
                {
                    f.Event = Str(ref r);
                    f.HasEvent = true;
                    (line.EventError, line.EventDetail) = (null, null);
                    return;
                }
                (f.Event, f.HasEvent) = (default, false);
                (line.EventError, line.EventDetail) = (SkipReason.BadEvent, "event: expected a string");
                r.Skip();
                return;
            case AuditKey.Branch: f.HasBranch = TryStr(ref r, out f.Branch); return;
            case AuditKey.Queued: f.QueuedTruthy = Truthy(ref r); return;
            case AuditKey.DryRun: f.DryRun = Truthy(ref r); return;
            case AuditKey.Command: f.HasConfirmedText = TryStr(ref r, out f.ConfirmedText); return;
            case AuditKey.Status: TryStr(ref r, out f.Status); return;
            case AuditKey.Meta:
                line.TopMeta = new CommandIdSource { At = line.Members };
                Meta(ref r, ref f, ref line.TopMeta, topLevel: true);
                return;
            case AuditKey.Payload:
                (f.PayloadText, f.HasPayloadText, f.QueueId, f.HasQueueId) = (default, false, default, false);
                line.PayloadMeta = new CommandIdSource { At = line.Members };
                Payload(ref r, ref f, ref line.PayloadMeta);
                return;
            default: r.Skip(); return;
        }
    }

    private void Payload(ref Utf8JsonReader r, ref LineFacts f, ref CommandIdSource commandId)
    {
        if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); return; }
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            var key = KeyOf(ref r, 1);
            r.Read();
            if (key == AuditKey.Text) f.HasPayloadText = TryStr(ref r, out f.PayloadText);
            else if (key == AuditKey.Meta)
            {
                (f.QueueId, f.HasQueueId) = (default, false);
                commandId = commandId with { IsString = false, Value = default };
                Meta(ref r, ref f, ref commandId, topLevel: false);
            }
            else r.Skip();
        }
    }

    /// <summary><c>meta</c>: <c>queue_id</c> (of payload.meta) and <c>command_id</c> (of either).</summary>
    private void Meta(ref Utf8JsonReader r, ref LineFacts f, ref CommandIdSource commandId, bool topLevel)
    {
        if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); return; }
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            var key = KeyOf(ref r, topLevel ? 3 : 2);
            r.Read();
            if (key == AuditKey.QueueId && !topLevel)
            {
                (f.QueueId, f.HasQueueId) = (default, false);
                if (r.TokenType == JsonTokenType.String) f.HasQueueId = NonEmpty(ref r, out f.QueueId);
                else r.Skip();
            }
            else if (key == AuditKey.CommandId)
            {
                commandId.IsString = r.TokenType == JsonTokenType.String;
                commandId.Value = commandId.IsString ? Str(ref r) : default;
                if (!commandId.IsString) r.Skip();
            }
            else r.Skip();
        }
    }

    private SkipReason? ReadTs(ref Utf8JsonReader r, ref LineFacts f, ref string? detail)
    {
        double value;
        f.Ts = double.NaN;
        switch (r.TokenType)
        {
            case JsonTokenType.Null: f.Ts = double.NaN; return null;
            case JsonTokenType.Number when r.TryGetDouble(out value): break;
            case JsonTokenType.String:
            {
                var s = Get(Str(ref r), default);
                Span<char> chars = stackalloc char[64];
                if (s.Length <= 64 && Encoding.UTF8.TryGetChars(s, chars, out var n) && UnixTimestamp.TryParseDecimalString(chars[..n], out value)) break;
                detail = "ts: expected a number, got a string that is not one";
                return SkipReason.BadTimestamp;
            }
            default:
                detail = $"ts: expected a number, got {Describe(r.TokenType)}";
                r.Skip();
                return SkipReason.BadTimestamp;
        }
        if (!LineRules.IsInRange(value)) { detail = $"ts: {value} is outside the range of dates"; return SkipReason.BadTimestamp; }
        f.Ts = value == 0 ? double.NaN : value;
        return null;
    }

    /// <summary>Python truthiness of the current value (the reader then stands on its last token).</summary>
    private static bool Truthy(ref Utf8JsonReader r)
    {
        switch (r.TokenType)
        {
            case JsonTokenType.True: return true;
            case JsonTokenType.False or JsonTokenType.Null: return false;
            case JsonTokenType.Number: return !(r.TryGetDouble(out var d) && d == 0);
            case JsonTokenType.String: return r.ValueSpan.Length > 0;
            default:
                var peek = r;
                peek.Read();
                r.Skip();
                return peek.TokenType is not (JsonTokenType.EndArray or JsonTokenType.EndObject);
        }
    }

    private bool TryStr(ref Utf8JsonReader r, out Utf8Slice value)
    {
        if (r.TokenType != JsonTokenType.String) { r.Skip(); value = default; return false; }
        value = Str(ref r);
        return true;
    }

    private bool NonEmpty(ref Utf8JsonReader r, out Utf8Slice value)
    {
        value = Str(ref r);
        return value.Length > 0;
    }

    /// <summary>Copies the current string value, unescaped, into the scratch buffer.</summary>
    private Utf8Slice Str(ref Utf8JsonReader r)
    {
        var n = r.CopyString(_scratch.AsSpan(_scratchUsed));
        var s = new Utf8Slice(_scratchUsed, n);
        _scratchUsed += n;
        return s;
    }

    /// <summary>The bytes of a string value of the last scanned <paramref name="line"/> (the span given to <see cref="Scan"/>).</summary>
    public ReadOnlySpan<byte> Get(Utf8Slice s, ReadOnlySpan<byte> line) => s.InLine ? line.Slice(s.Start, s.Length) : _scratch.AsSpan(s.Start, s.Length);

    private static string Describe(JsonTokenType t) => t switch
    {
        JsonTokenType.StartArray => "array",
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        JsonTokenType.True or JsonTokenType.False => "boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "object",
        _ => t.ToString().ToLowerInvariant(),
    };

    private static string FirstSentence(string message)
    {
        var i = message.IndexOf(". ", StringComparison.Ordinal);
        return i > 0 ? message[..i] : message.TrimEnd('.');
    }
}
