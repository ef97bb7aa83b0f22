using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace TmuxAgent.Replay.Summary;

/// <summary>
/// The fast path of <see cref="LineScanner"/>: a hand-written RFC 8259 scan of one line that picks out
/// <see cref="LineFacts"/> for the common case (an object of plain strings, numbers and literals). It answers
/// "valid" only when it is certain; anything unusual — an escape, a syntax error, a bad <c>ts</c>, deep nesting, a key
/// it reads given twice in one object (<c>json.loads</c> keeps the last value; the slow path does the same) — returns
/// false and <see cref="System.Text.Json.Utf8JsonReader"/> decides (and explains). UTF-8 is checked before (<see cref="LineScanner"/>
/// checks it only for lines with a byte of 0x80 or above, which <see cref="IndexQuotes"/> reports).
/// </summary>
internal static class FastLineScan
{
    private const int MaxDepth = 64;
    /// <summary>The position the scan functions return for "not certainly valid": the slow path decides.</summary>
    private const int Fail = -1;


    /// <summary>True when <paramref name="s"/> from <paramref name="start"/> on (trimmed) is certainly a valid object
    /// without semantic errors; its facts are then set, as slices of <paramref name="s"/>.</summary>
    /// <param name="q">The quote bitmap of <see cref="IndexQuotes"/> when it answered true, else empty.</param>
    public static bool TryScan(ReadOnlySpan<byte> s, int start, ref LineFacts f, ReadOnlySpan<ulong> q = default)
        => Object(s, q, start, ref f, 0) == s.Length;

    // Each scan function takes the position of its first byte and returns the position after its last (or Fail), so the
    // position stays in a register instead of behind a reference.

    private static int Object(ReadOnlySpan<byte> s, ReadOnlySpan<ulong> q, int i, ref LineFacts f, int level)
    {
        // level 0: the line, 1: payload, 2: payload.meta, 3: top-level meta
        if ((uint)i >= (uint)s.Length || s[i] != '{') return Fail;
        i = Ws(s, i + 1);
        if ((uint)i < (uint)s.Length && s[i] == '}') return i + 1;
        var seen = 0u; // the keys read so far in this object, one bit each (AuditKey.Other's bit is never set)
        while (true)
        {
            i = String(s, q, i, out var ks, out var kl);
            if (i < 0) return Fail;
            var key = AuditKeys.Of(s.Slice(ks, kl), level);
            // A key the fold reads, a second time: json.loads keeps the last value, the slow path does the same (rare).
            var bit = (1u << (int)key) & ~1u;
            if ((seen & bit) != 0) return Fail;
            seen |= bit;
            i = Ws(s, i);
            if ((uint)i >= (uint)s.Length || s[i] != ':') return Fail;
            i = Member(s, q, Ws(s, i + 1), ref f, key, level);
            if (i < 0) return Fail;
            i = Ws(s, i);
            if ((uint)i >= (uint)s.Length) return Fail;
            if (s[i] == ',') { i = Ws(s, i + 1); continue; }
            return s[i] == '}' ? i + 1 : Fail;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Member(ReadOnlySpan<byte> s, ReadOnlySpan<ulong> q, int i, ref LineFacts f, AuditKey key, int level)
    {
        if ((uint)i >= (uint)s.Length) return Fail;
        var c = s[i];
        int end;
        switch (key)
        {
            case AuditKey.Ts:
                if (c == 'n') { f.Ts = double.NaN; return Literal(s, i, "null"u8); }
                if (c == '"') return Fail;
                end = Number(s, i, out var ts);
                if (end < 0 || !TmuxAgent.Core.Audit.LineRules.IsInRange(ts)) return Fail;
                f.Ts = ts == 0 ? double.NaN : ts;
                return end;
            case AuditKey.Event:
                if (c != '"') return Fail;
                end = StringSlice(s, q, i, out f.Event);
                f.HasEvent = end >= 0;
                return end;
            case AuditKey.Branch when c == '"':
                end = StringSlice(s, q, i, out f.Branch);
                f.HasBranch = end >= 0;
                return end;
            case AuditKey.Command when c == '"':
                end = StringSlice(s, q, i, out f.ConfirmedText);
                f.HasConfirmedText = end >= 0;
                return end;
            case AuditKey.Status when c == '"': return StringSlice(s, q, i, out f.Status);
            case AuditKey.Text when c == '"':
                end = StringSlice(s, q, i, out f.PayloadText);
                f.HasPayloadText = end >= 0;
                return end;
            case AuditKey.QueueId when c == '"':
                end = StringSlice(s, q, i, out f.QueueId);
                f.HasQueueId = f.QueueId.Length > 0;
                return end;
            case AuditKey.CommandId when c == '"':
                end = StringSlice(s, q, i, out f.CommandId);
                f.HasCommandId = f.CommandId.Length > 0;
                return end;
            case AuditKey.Queued or AuditKey.DryRun:
                end = Truthy(s, q, i, out var truthy);
                if (key == AuditKey.Queued) f.QueuedTruthy = truthy; else f.DryRun = truthy;
                return end;
            case AuditKey.Payload when c == '{': return Object(s, q, i, ref f, 1);
            case AuditKey.Meta when c == '{': return Object(s, q, i, ref f, level == 0 ? 3 : 2);
            default: return Value(s, q, i, level + 1);
        }
    }

    /// <summary>Any JSON value, validated and skipped.</summary>
    private static int Value(ReadOnlySpan<byte> s, ReadOnlySpan<ulong> q, int i, int depth)
    {
        if ((uint)i >= (uint)s.Length || depth > MaxDepth) return Fail;
        switch (s[i])
        {
            case (byte)'"': return String(s, q, i, out _, out _);
            case (byte)'{':
                i = Ws(s, i + 1);
                if ((uint)i < (uint)s.Length && s[i] == '}') return i + 1;
                while (true)
                {
                    i = String(s, q, i, out _, out _);
                    if (i < 0) return Fail;
                    i = Ws(s, i);
                    if ((uint)i >= (uint)s.Length || s[i] != ':') return Fail;
                    i = Value(s, q, Ws(s, i + 1), depth + 1);
                    if (i < 0) return Fail;
                    i = Ws(s, i);
                    if ((uint)i >= (uint)s.Length) return Fail;
                    if (s[i] == ',') { i = Ws(s, i + 1); continue; }
                    return s[i] == '}' ? i + 1 : Fail;
                }
            case (byte)'[':
                i = Ws(s, i + 1);
                if ((uint)i < (uint)s.Length && s[i] == ']') return i + 1;
                while (true)
                {
                    i = Value(s, q, i, depth + 1);
                    if (i < 0) return Fail;
                    i = Ws(s, i);
                    if ((uint)i >= (uint)s.Length) return Fail;
                    if (s[i] == ',') { i = Ws(s, i + 1); continue; }
                    return s[i] == ']' ? i + 1 : Fail;
                }
            case (byte)'t': return Literal(s, i, "true"u8);
            case (byte)'f': return Literal(s, i, "false"u8);
            case (byte)'n': return Literal(s, i, "null"u8);
            default: return NumberSyntax(s, i);
        }
    }

    /// <summary>Python truthiness of a scalar (<paramref name="i"/> is inside the line); arrays and objects go to the slow path.</summary>
    private static int Truthy(ReadOnlySpan<byte> s, ReadOnlySpan<ulong> q, int i, out bool truthy)
    {
        truthy = false;
        int end;
        switch (s[i])
        {
            case (byte)'t': truthy = true; return Literal(s, i, "true"u8);
            case (byte)'f': return Literal(s, i, "false"u8);
            case (byte)'n': return Literal(s, i, "null"u8);
            case (byte)'"':
                end = String(s, q, i, out _, out var len);
                truthy = len > 0;
                return end;
            case (byte)'-' or >= (byte)'0' and <= (byte)'9':
                end = Number(s, i, out var d);
                truthy = d != 0;
                return end;
            default: return Fail;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int StringSlice(ReadOnlySpan<byte> s, ReadOnlySpan<ulong> q, int i, out Utf8Slice slice)
    {
        var end = String(s, q, i, out var start, out var len);
        slice = new Utf8Slice(start, len, InLine: true);
        return end;
    }

    /// <summary>A string without escapes or control characters; its content is <c>[start, start+length)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int String(ReadOnlySpan<byte> s, ReadOnlySpan<ulong> q, int i, out int start, out int length)
    {
        start = i + 1;
        length = 0;
        if ((uint)i >= (uint)s.Length || s[i] != '"') return Fail;
        if (q.IsEmpty) return BytewiseString(s, start, out length);
        // The closing quote is the next marked one.
        var w = start >> 6;
        if ((uint)w < (uint)q.Length)
        {
            var bits = q[w] >> (start & 63);
            if (bits != 0)
            {
                length = BitOperations.TrailingZeroCount(bits);
                return start + length + 1;
            }
        }
        var quote = NextQuoteFromWord(q, w + 1);
        if (quote < 0) return Fail;
        length = quote - start;
        return quote + 1;
    }

    /// <summary>The first marked quote in word <paramref name="w"/> or later, or Fail.</summary>
    private static int NextQuoteFromWord(ReadOnlySpan<ulong> q, int w)
    {
        for (; w < q.Length; w++)
            if (q[w] != 0) return (w << 6) + BitOperations.TrailingZeroCount(q[w]);
        return Fail;
    }

    /// <summary><see cref="String"/> without a quote index: the bytes from <paramref name="start"/> are searched for the
    /// closing quote; an escape or a control character first is left to the slow path.</summary>
    private static int BytewiseString(ReadOnlySpan<byte> s, int start, out int length)
    {
        length = 0;
        var j = start;
        // Sixteen bytes a step: one compare each for '"' and '\\', one unsigned min for the control characters.
        ref var first = ref MemoryMarshal.GetReference(s);
        for (var stop = s.Length - Vector128<byte>.Count; j <= stop; j += Vector128<byte>.Count)
        {
            var v = Vector128.LoadUnsafe(ref first, (nuint)j);
            var hits = Vector128.Equals(v, Quote) | Vector128.Equals(v, Backslash) | Vector128.Equals(Vector128.Min(v, LastControl), v);
            if (hits == Vector128<byte>.Zero) continue;
            j += BitOperations.TrailingZeroCount(hits.ExtractMostSignificantBits());
            return s[j] == '"' ? End(j, start, out length) : Fail;
        }
        if (j <= s.Length - 8)
        {
            var found = Stops(BinaryPrimitives.ReadUInt64LittleEndian(s[j..]));
            if (found != 0)
            {
                j += BitOperations.TrailingZeroCount(found) >> 3;
                return s[j] == '"' ? End(j, start, out length) : Fail;
            }
            j += 8;
        }
        for (; j < s.Length; j++)
        {
            var c = s[j];
            if (c == '"') return End(j, start, out length);
            if (c == '\\' || c < 0x20) return Fail;
        }
        return Fail;
    }

    private static int End(int quote, int start, out int length)
    {
        length = quote - start;
        return quote + 1;
    }

    /// <summary>
    /// Marks every <c>"</c> of <paramref name="s"/> in <paramref name="quotes"/> (bit <c>k % 64</c> of word <c>k / 64</c>;
    /// at least <c>(s.Length + 63) / 64</c> words), sixteen bytes a step. True when the line has no <c>\</c> and no byte
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
        // Sixty-four bytes (one word of the index) a step, then sixteen.
        for (var stop = s.Length - 64; j <= stop; j += 64)
        {
            var v0 = Vector128.LoadUnsafe(ref first, (nuint)j);
            var v1 = Vector128.LoadUnsafe(ref first, (nuint)j + 16);
            var v2 = Vector128.LoadUnsafe(ref first, (nuint)j + 32);
            var v3 = Vector128.LoadUnsafe(ref first, (nuint)j + 48);
            special |= Vector128.Equals(v0, Backslash) | Vector128.Equals(Vector128.Min(v0, LastControl), v0)
                | Vector128.Equals(v1, Backslash) | Vector128.Equals(Vector128.Min(v1, LastControl), v1)
                | Vector128.Equals(v2, Backslash) | Vector128.Equals(Vector128.Min(v2, LastControl), v2)
                | Vector128.Equals(v3, Backslash) | Vector128.Equals(Vector128.Min(v3, LastControl), v3);
            any |= v0 | v1 | v2 | v3;
            quotes[j >> 6] = Vector128.Equals(v0, Quote).ExtractMostSignificantBits()
                | (ulong)Vector128.Equals(v1, Quote).ExtractMostSignificantBits() << 16
                | (ulong)Vector128.Equals(v2, Quote).ExtractMostSignificantBits() << 32
                | (ulong)Vector128.Equals(v3, Quote).ExtractMostSignificantBits() << 48;
        }
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Literal(ReadOnlySpan<byte> s, int i, ReadOnlySpan<byte> word) => s[i..].StartsWith(word) ? i + word.Length : Fail;

    private static int Number(ReadOnlySpan<byte> s, int i, out double value)
    {
        value = 0;
        var end = NumberSyntax(s, i);
        return end >= 0 && DecimalNumber.TryParse(s[i..end], out value) && double.IsFinite(value) ? end : Fail;
    }

    /// <summary>-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?</summary>
    private static int NumberSyntax(ReadOnlySpan<byte> s, int i)
    {
        if ((uint)i < (uint)s.Length && s[i] == '-') i++;
        if ((uint)i >= (uint)s.Length) return Fail;
        if (s[i] == '0') i++;
        else if (s[i] - (uint)'1' <= 8) i = Digits(s, i + 1);
        else return Fail;
        if ((uint)i < (uint)s.Length && s[i] == '.')
        {
            var end = Digits(s, i + 1);
            if (end == i + 1) return Fail;
            i = end;
        }
        if ((uint)i < (uint)s.Length && (s[i] | 0x20) == 'e')
        {
            i++;
            if ((uint)i < (uint)s.Length && s[i] is (byte)'+' or (byte)'-') i++;
            var end = Digits(s, i);
            if (end == i) return Fail;
            i = end;
        }
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Digits(ReadOnlySpan<byte> s, int i)
    {
        while ((uint)i < (uint)s.Length && s[i] - (uint)'0' <= 9) i++;
        return i;
    }

    /// <summary>Bit c set for the JSON whitespace bytes c: space, tab, line feed, carriage return.</summary>
    private const ulong WhitespaceBits = 1UL << ' ' | 1UL << '\t' | 1UL << '\n' | 1UL << '\r';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Ws(ReadOnlySpan<byte> s, int i)
    {
        while ((uint)i < (uint)s.Length)
        {
            var c = s[i];
            if (c > ' ' || (WhitespaceBits & 1UL << c) == 0) break;
            i++;
        }
        return i;
    }
}
