using System.Buffers.Binary;
using System.Globalization;

namespace TmuxAgent.Replay.Summary;

/// <summary>
/// Parses the numbers audit lines hold (<c>1763900002.0043194</c>: digits, a point, digits) to exactly the double
/// <see cref="double.Parse(string)"/> gives, several times faster: the decimal is divided once by a power of ten and
/// the result is proven to be the nearest double with 128-bit integers; anything else (an exponent, more than 19
/// digits, a tie, a value that is not provably the nearest) goes to <see cref="double.TryParse(ReadOnlySpan{byte}, NumberStyles, IFormatProvider, out double)"/>.
/// </summary>
internal static class DecimalNumber
{
    private static readonly double[] Pow10 = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19];

    /// <summary>A JSON number (syntax already checked) as the nearest double.</summary>
    public static bool TryParse(ReadOnlySpan<byte> s, out double value) =>
        TryParseFast(s, out value) || double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    internal static bool TryParseFast(ReadOnlySpan<byte> s, out double value)
    {
        value = 0;
        var i = 0;
        var negative = s.Length > 0 && s[0] == '-';
        if (negative) i++;
        ulong m = 0;
        var digits = Digits(s, ref i, ref m);
        var fraction = 0;
        if (i < s.Length && s[i] == '.')
        {
            i++;
            fraction = Digits(s, ref i, ref m);
            digits += fraction;
        }
        if (i != s.Length || digits == 0 || digits > 19) return false;
        if (m == 0) { value = negative ? -0.0 : 0.0; return true; }
        if (!TryScaled(m, fraction, out var d)) return false;
        value = negative ? -d : d;
        return true;
    }

    /// <summary>The nearest double to <paramref name="m"/> / 10^<paramref name="fraction"/> (at most 19 fraction digits);
    /// false in the rare case the fast proof fails (the caller parses the text instead).</summary>
    internal static bool TryScaled(ulong m, int fraction, out double value)
    {
        value = 0;
        var d = m / Pow10[fraction];
        // Below 2^53 both operands are exact and one division rounds correctly; above, m was rounded first, so the
        // quotient may be one step off: prove it, or one of its neighbours, to be the nearest.
        if (m > 1UL << 53 && !IsNearest(m, fraction, d))
        {
            if (IsNearest(m, fraction, Math.BitIncrement(d))) d = Math.BitIncrement(d);
            else if (IsNearest(m, fraction, Math.BitDecrement(d))) d = Math.BitDecrement(d);
            else return false;
        }
        value = d;
        return true;
    }

    /// <summary>Appends the decimal digits from <paramref name="i"/> on to <paramref name="m"/> (eight at a time while
    /// there are eight); returns how many. More than 19 digits overflow <paramref name="m"/>: the caller rejects them.</summary>
    private static int Digits(ReadOnlySpan<byte> s, ref int i, ref ulong m)
    {
        var start = i;
        while (i + 8 <= s.Length)
        {
            var v = BinaryPrimitives.ReadUInt64LittleEndian(s[i..]);
            if ((((v + 0x4646464646464646UL) | (v - 0x3030303030303030UL)) & 0x8080808080808080UL) != 0) break; // not eight digits
            m = m * 100_000_000 + EightDigits(v);
            i += 8;
        }
        for (; i < s.Length && s[i] - (uint)'0' <= 9; i++) m = m * 10 + (uint)(s[i] - '0');
        return i - start;
    }

    /// <summary>The value of eight ASCII digits read little-endian (the first digit in the lowest byte).</summary>
    private static ulong EightDigits(ulong v)
    {
        v -= 0x3030303030303030UL;
        v = v * 10 + (v >> 8);                                   // pairs: 10·d0 + d1 in bytes 0, 2, 4, 6
        v = ((v & 0x000000FF000000FFUL) * (100 + (1000000UL << 32))
            + ((v >> 16) & 0x000000FF000000FFUL) * (1 + (10000UL << 32))) >> 32;
        return v;
    }

    /// <summary>Whether <paramref name="d"/> is strictly the nearest double to m / 10^k (no tie).</summary>
    private static bool IsNearest(ulong m, int k, double d)
    {
        var bits = BitConverter.DoubleToUInt64Bits(d);
        var exponent = (int)(bits >> 52) & 0x7FF;
        var mantissa = bits & ((1UL << 52) - 1);
        if (exponent == 0 || mantissa == 0) return false; // subnormal, or a power of two (uneven neighbours)
        mantissa |= 1UL << 52;
        var shift = 1075 - exponent;                      // d = mantissa / 2^shift
        if (shift < 0 || shift > 62) return false;
        // |m/10^k - mantissa/2^shift| < 1/2^(shift+1)  <=>  |2·m·2^shift - 2·mantissa·10^k| < 10^k
        var pow = (UInt128)(ulong)Pow10[k];
        var a = (UInt128)m << (shift + 1);
        var b = (UInt128)mantissa * pow * 2;
        var diff = a > b ? a - b : b - a;
        return diff < pow;
    }
}
