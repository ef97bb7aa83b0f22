using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace TmuxAgent.Replay.Summary;

/// <summary>
/// The fast path of <see cref="LineScanner"/>: a hand-written RFC 8259 scan of one line that picks out
/// <see cref="LineFacts"/> for the common case (an object of plain strings, numbers and literals). It answers
/// "valid" only when it is certain; anything unusual — an escape, a syntax error, a bad <c>ts</c>, deep nesting —
/// returns false and <see cref="System.Text.Json.Utf8JsonReader"/> decides (and explains). UTF-8 is checked before.
/// </summary>
internal static class FastLineScan
{
    private const int MaxDepth = 64;

    private enum Key { Other, Ts, Event, Branch, Queued, DryRun, Command, Status, Meta, Payload, Text, QueueId, CommandId }

    /// <summary>True when <paramref name="s"/> from <paramref name="start"/> on (trimmed) is certainly a valid object
    /// without semantic errors; its facts are then set, as slices of <paramref name="s"/>.</summary>
    /// <param name="q">The quote bitmap of <see cref="IndexQuotes"/> when it answered true, else empty.</param>
    public static bool TryScan(ReadOnlySpan<byte> s, int start, ref LineFacts f, ReadOnlySpan<ulong> q = default)
    {
        var i = start;
        if (!Object(s, q, ref i, ref f, 0)) return false;
        return i == s.Length;
    }

    private static bool Object(ReadOnlySpan<byte> s, ReadOnlySpan<ulong> q, ref int i, ref LineFacts f, int level)
    {
        // level 0: the line, 1: payload, 2: payload.meta, 3: top-level meta
        if (i >= s.Length || s[i] != '{') return false;
        i++;
        Ws(s, ref i);
        if (i < s.Length && s[i] == '}') { i++; return true; }
        while (true)
        {
            if (!String(s, q, ref i, out var ks, out var kl)) return false;
            var key = KeyOf(s.Slice(ks, kl), level);
            Ws(s, ref i);
            if (i >= s.Length || s[i] != ':') return false;
            i++;
            Ws(s, ref i);
            if (!Member(s, q, ref i, ref f, key, level)) return false;
            Ws(s, ref i);
            if (i >= s.Length) return false;
            if (s[i] == ',') { i++; Ws(s, ref i); continue; }
            if (s[i] == '}') { i++; return true; }
            return false;
        }
    }

    private static bool Member(ReadOnlySpan<byte> s, ReadOnlySpan<ulong> q, ref int i, ref LineFacts f, Key key, int level)
    {
        if (i >= s.Length) return false;
        var c = s[i];
        switch (key)
        {
            case Key.Ts:
                if (c == 'n') { f.Ts = double.NaN; return Literal(s, ref i, "null"u8); }
                if (c == '"' || !Number(s, ref i, out var ts)) return false;
                if (!TmuxAgent.Core.Audit.LineRules.IsInRange(ts)) return false;
                f.Ts = ts == 0 ? double.NaN : ts;
                return true;
            case Key.Event:
                if (c != '"') return false;
                return f.HasEvent = StringSlice(s, q, ref i, out f.Event);
            case Key.Branch when c == '"': return f.HasBranch = StringSlice(s, q, ref i, out f.Branch);
            case Key.Command when c == '"': return f.HasConfirmedText = StringSlice(s, q, ref i, out f.ConfirmedText);
            case Key.Status when c == '"': return StringSlice(s, q, ref i, out f.Status);
            case Key.Text when c == '"': return f.HasPayloadText = StringSlice(s, q, ref i, out f.PayloadText);
            case Key.QueueId when c == '"':
                if (!StringSlice(s, q, ref i, out f.QueueId)) return false;
                f.HasQueueId = f.QueueId.Length > 0;
                return true;
            case Key.CommandId when c == '"':
                if (!StringSlice(s, q, ref i, out f.CommandId)) return false;
                f.HasCommandId = f.CommandId.Length > 0;
                return true;
            case Key.Queued or Key.DryRun:
                if (!Truthy(s, q, ref i, out var truthy)) return false;
                if (key == Key.Queued) f.QueuedTruthy = truthy; else f.DryRun = truthy;
                return true;
            case Key.Payload when c == '{': return Object(s, q, ref i, ref f, 1);
            case Key.Meta when c == '{': return Object(s, q, ref i, ref f, level == 0 ? 3 : 2);
            default: return Value(s, q, ref i, level + 1);
        }
    }

    private static Key KeyOf(ReadOnlySpan<byte> k, int level) => level switch
    {
        0 => k.Length switch
        {
            2 => k.SequenceEqual("ts"u8) ? Key.Ts : Key.Other,
            4 => k.SequenceEqual("meta"u8) ? Key.Meta : Key.Other,
            5 => k.SequenceEqual("event"u8) ? Key.Event : Key.Other,
            6 => k.SequenceEqual("branch"u8) ? Key.Branch : k.SequenceEqual("queued"u8) ? Key.Queued : k.SequenceEqual("status"u8) ? Key.Status : Key.Other,
            7 => k.SequenceEqual("payload"u8) ? Key.Payload : k.SequenceEqual("dry_run"u8) ? Key.DryRun : k.SequenceEqual("command"u8) ? Key.Command : Key.Other,
            _ => Key.Other,
        },
        1 => k.Length == 4 ? (k.SequenceEqual("text"u8) ? Key.Text : k.SequenceEqual("meta"u8) ? Key.Meta : Key.Other) : Key.Other,
        2 => k.Length == 8 && k.SequenceEqual("queue_id"u8) ? Key.QueueId : k.Length == 10 && k.SequenceEqual("command_id"u8) ? Key.CommandId : Key.Other,
        3 => k.Length == 10 && k.SequenceEqual("command_id"u8) ? Key.CommandId : Key.Other,
        _ => Key.Other,
    };

    /// <summary>Any JSON value, validated and skipped.</summary>
    private static bool Value(ReadOnlySpan<byte> s, ReadOnlySpan<ulong> q, ref int i, int depth)
    {
        if (i >= s.Length || depth > MaxDepth) return false;
        switch (s[i])
        {
            case (byte)'"': return String(s, q, ref i, out _, out _);
            case (byte)'{':
                i++;
                Ws(s, ref i);
                if (i < s.Length && s[i] == '}') { i++; return true; }
                while (true)
                {
                    if (!String(s, q, ref i, out _, out _)) return false;
                    Ws(s, ref i);
                    if (i >= s.Length || s[i] != ':') return false;
                    i++;
                    Ws(s, ref i);
                    if (!Value(s, q, ref i, depth + 1)) return false;
                    Ws(s, ref i);
                    if (i >= s.Length) return false;
                    if (s[i] == ',') { i++; Ws(s, ref i); continue; }
                    if (s[i] == '}') { i++; return true; }
                    return false;
                }
            case (byte)'[':
                i++;
                Ws(s, ref i);
                if (i < s.Length && s[i] == ']') { i++; return true; }
                while (true)
                {
                    if (!Value(s, q, ref i, depth + 1)) return false;
                    Ws(s, ref i);
                    if (i >= s.Length) return false;
                    if (s[i] == ',') { i++; Ws(s, ref i); continue; }
                    if (s[i] == ']') { i++; return true; }
                    return false;
                }
            case (byte)'t': return Literal(s, ref i, "true"u8);
            case (byte)'f': return Literal(s, ref i, "false"u8);
            case (byte)'n': return Literal(s, ref i, "null"u8);
            default: return NumberSyntax(s, ref i);
        }
    }

    /// <summary>Python truthiness of a scalar; arrays and objects go to the slow path.</summary>
    private static bool Truthy(ReadOnlySpan<byte> s, ReadOnlySpan<ulong> q, ref int i, out bool truthy)
    {
        truthy = false;
        switch (s[i])
        {
            case (byte)'t': truthy = true; return Literal(s, ref i, "true"u8);
            case (byte)'f': return Literal(s, ref i, "false"u8);
            case (byte)'n': return Literal(s, ref i, "null"u8);
            case (byte)'"':
                if (!String(s, q, ref i, out _, out var len)) return false;
                truthy = len > 0;
                return true;
            case (byte)'-' or >= (byte)'0' and <= (byte)'9':
                if (!Number(s, ref i, out var d)) return false;
                truthy = d != 0;
                return true;
            default: return false;
        }
    }

    private static bool StringSlice(ReadOnlySpan<byte> s, ReadOnlySpan<ulong> q, ref int i, out Utf8Slice slice)
    {
        var ok = String(s, q, ref i, out var start, out var len);
        slice = new Utf8Slice(start, len, InLine: true);
        return ok;
    }

    /// <summary>A string without escapes or control characters; its content is <c>[start, start+length)</c>.</summary>
    private static bool String(ReadOnlySpan<byte> s, ReadOnlySpan<ulong> q, ref int i, out int start, out int length)
    {
        start = i + 1;
        length = 0;
        if (i >= s.Length || s[i] != '"') return false;
        if (!q.IsEmpty) return NextQuote(q, start, out var quote) && End(quote, ref i, start, out length);
        var j = start;
        // Sixteen bytes a step: one compare each for '"' and '\\', one unsigned min for the control characters.
        ref var first = ref MemoryMarshal.GetReference(s);
        for (var stop = s.Length - Vector128<byte>.Count; j <= stop; j += Vector128<byte>.Count)
        {
            var v = Vector128.LoadUnsafe(ref first, (nuint)j);
            var hits = Vector128.Equals(v, Quote) | Vector128.Equals(v, Backslash) | Vector128.Equals(Vector128.Min(v, LastControl), v);
            if (hits == Vector128<byte>.Zero) continue;
            j += BitOperations.TrailingZeroCount(hits.ExtractMostSignificantBits());
            return s[j] == '"' && End(j, ref i, start, out length); // escapes and control characters: slow path
        }
        if (j <= s.Length - 8)
        {
            var found = Stops(BinaryPrimitives.ReadUInt64LittleEndian(s[j..]));
            if (found != 0)
            {
                j += BitOperations.TrailingZeroCount(found) >> 3;
                return s[j] == '"' && End(j, ref i, start, out length);
            }
            j += 8;
        }
        for (; j < s.Length; j++)
        {
            var c = s[j];
            if (c == '"') return End(j, ref i, start, out length);
            if (c == '\\' || c < 0x20) return false;
        }
        return false;
    }

    /// <summary>
    /// Marks every <c>"</c> of <paramref name="s"/> in <paramref name="quotes"/> (bit <c>k % 64</c> of word <c>k / 64</c>;
    /// at least <c>(s.Length + 63) / 64</c> words), sixteen bytes a step. True when the line has no <c>\\</c> and no byte
    /// below 0x20: then every quote opens or closes a string and no string holds an escape or a control character, so a
    /// string ends at the next marked quote. False for such lines and for lines under 16 bytes (strings are then scanned
    /// byte by byte). <paramref name="nonAscii"/>: the line has a byte of 0x80 or above (true when not known).
    /// </summary>
    public static bool IndexQuotes(ReadOnlySpan<byte> s, Span<ulong> quotes, out bool nonAscii)
    {
        nonAscii = true;
        if (s.Length < Vector128<byte>.Count) return false;
        quotes[..((s.Length + 63) >> 6)].Clear();
        ref var first = ref MemoryMarshal.GetReference(s);
        Vector128<byte> special = Vector128<byte>.Zero, any = Vector128<byte>.Zero;
        var j = 0;
        for (var stop = s.Length - Vector128<byte>.Count; j <= stop; j += Vector128<byte>.Count)
        {
            var v = Vector128.LoadUnsafe(ref first, (nuint)j);
            special |= Vector128.Equals(v, Backslash) | Vector128.Equals(Vector128.Min(v, LastControl), v);
            any |= v;
            quotes[j >> 6] |= (ulong)Vector128.Equals(v, Quote).ExtractMostSignificantBits() << (j & 63);
        }
        if (j < s.Length)
        {
            // The last bytes: the final sixteen, of which the first (j - last) were already marked.
            var last = s.Length - Vector128<byte>.Count;
            var v = Vector128.LoadUnsafe(ref first, (nuint)last);
            special |= Vector128.Equals(v, Backslash) | Vector128.Equals(Vector128.Min(v, LastControl), v);
            any |= v;
            quotes[j >> 6] |= (ulong)(Vector128.Equals(v, Quote).ExtractMostSignificantBits() >> (j - last)) << (j & 63);
        }
        nonAscii = any.ExtractMostSignificantBits() != 0;
        return special == Vector128<byte>.Zero;
    }

    /// <summary>The first marked quote at or after <paramref name="from"/>.</summary>
    private static bool NextQuote(ReadOnlySpan<ulong> q, int from, out int quote)
    {
        var w = from >> 6;
        if (w < q.Length)
        {
            var bits = q[w] >> (from & 63);
            if (bits != 0) { quote = from + BitOperations.TrailingZeroCount(bits); return true; }
            for (w++; w < q.Length; w++)
                if (q[w] != 0) { quote = (w << 6) + BitOperations.TrailingZeroCount(q[w]); return true; }
        }
        quote = 0;
        return false;
    }

    private static Vector128<byte> Quote => Vector128.Create((byte)'"');
    private static Vector128<byte> Backslash => Vector128.Create((byte)'\\');
    private static Vector128<byte> LastControl => Vector128.Create((byte)0x1F);

    private const ulong Ones = 0x0101010101010101UL, Highs = 0x8080808080808080UL;

    /// <summary>High bit set in each byte of <paramref name="v"/> that is <c>"</c>, <c>\</c> or below 0x20; bits above the
    /// first flagged byte may be wrong (borrows), the lowest one is exact.</summary>
    private static ulong Stops(ulong v)
    {
        var quote = v ^ (Ones * '"');
        var backslash = v ^ (Ones * '\\');
        return ((quote - Ones) & ~quote | (backslash - Ones) & ~backslash | (v - Ones * 0x20) & ~v) & Highs;
    }

    private static bool End(int quote, ref int i, int start, out int length)
    {
        length = quote - start;
        i = quote + 1;
        return true;
    }

    private static bool Literal(ReadOnlySpan<byte> s, ref int i, ReadOnlySpan<byte> word)
    {
        if (!s[i..].StartsWith(word)) return false;
        i += word.Length;
        return true;
    }

    private static bool Number(ReadOnlySpan<byte> s, ref int i, out double value)
    {
        var start = i;
        value = 0;
        return NumberSyntax(s, ref i) && DecimalNumber.TryParse(s[start..i], out value) && double.IsFinite(value);
    }

    /// <summary>-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?</summary>
    private static bool NumberSyntax(ReadOnlySpan<byte> s, ref int i)
    {
        if (i < s.Length && s[i] == '-') i++;
        if (i >= s.Length) return false;
        if (s[i] == '0') i++;
        else if (s[i] is >= (byte)'1' and <= (byte)'9') Digits(s, ref i);
        else return false;
        if (i < s.Length && s[i] == '.')
        {
            i++;
            if (!Digits(s, ref i)) return false;
        }
        if (i < s.Length && (s[i] | 0x20) == 'e')
        {
            i++;
            if (i < s.Length && s[i] is (byte)'+' or (byte)'-') i++;
            if (!Digits(s, ref i)) return false;
        }
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> s, ref int i)
    {
        var start = i;
        while (i < s.Length && s[i] is >= (byte)'0' and <= (byte)'9') i++;
        return i > start;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static void Ws(ReadOnlySpan<byte> s, ref int i)
    {
        while (i < s.Length && s[i] <= ' ' && s[i] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r') i++;
    }
}
