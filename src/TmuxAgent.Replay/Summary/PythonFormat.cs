using System.Globalization;
using System.Numerics;

namespace TmuxAgent.Replay.Summary;

/// <summary>Number and time formats exactly as the original (Python) printed them.</summary>
internal static class PythonFormat
{
    /// <summary>
    /// <c>datetime.fromtimestamp(ts).isoformat()</c> in local time: the fraction of <paramref name="ts"/> is taken
    /// first, scaled to microseconds and rounded half-to-even; no fraction when the microseconds are zero.
    /// </summary>
    public static string IsoLocal(double ts, TimeZoneInfo? zone = null)
    {
        var whole = Math.Truncate(ts);
        var micros = Math.Round((ts - whole) * 1e6, MidpointRounding.ToEven);
        if (micros >= 1e6) { micros -= 1e6; whole += 1; }
        else if (micros < 0) { micros += 1e6; whole -= 1; }
        var utc = DateTime.UnixEpoch.AddSeconds(whole);
        var local = TimeZoneInfo.ConvertTimeFromUtc(utc, zone ?? TimeZoneInfo.Local);
        var text = local.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        var us = (int)micros;
        return us == 0 ? text : text + "." + us.ToString("D6", CultureInfo.InvariantCulture);
    }

    /// <summary><c>f"{x:.2f}"</c>: the exact binary value rounded half-to-even to two decimals.</summary>
    public static string Fixed2(double x)
    {
        if (double.IsNaN(x)) return "nan";
        if (double.IsInfinity(x)) return x > 0 ? "inf" : "-inf";
        var negative = double.IsNegative(x);
        var bits = BitConverter.DoubleToInt64Bits(Math.Abs(x));
        var exponent = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponent == 0) exponent++; else mantissa |= 1L << 52;
        exponent -= 1075; // value = mantissa * 2^exponent
        BigInteger hundredths;
        if (exponent >= 0) hundredths = new BigInteger(mantissa) * 100 << exponent;
        else
        {
            var numerator = new BigInteger(mantissa) * 100;
            var denominator = BigInteger.One << -exponent;
            hundredths = BigInteger.DivRem(numerator, denominator, out var rest);
            var twice = rest * 2;
            if (twice > denominator || (twice == denominator && !hundredths.IsEven)) hundredths += 1;
        }
        var digits = hundredths.ToString(CultureInfo.InvariantCulture).PadLeft(3, '0');
        return (negative ? "-" : "") + digits[..^2] + "." + digits[^2..];
    }
}
