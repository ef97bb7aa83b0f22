using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace TmuxAgent.Core.Store;

/// <summary>
/// Reads a stored <c>created</c> time, ISO 8601 round-trip text (<c>O</c>: <c>2025-11-23T12:00:00.2500000+00:00</c>),
/// without a string: the shape every writer stores is read digit by digit, anything else by the general parsers.
/// </summary>
internal static class RoundTripTime
{
    private const int Length = 33; // yyyy-MM-ddTHH:mm:ss.fffffff+hh:mm

    /// <summary>The time <paramref name="text"/> holds.</summary>
    public static DateTimeOffset Parse(ReadOnlySpan<byte> text) =>
        TryFixed(text, out var value) ? value
        : Utf8Parser.TryParse(text, out value, out var n, 'O') && n == text.Length ? value
        : DateTimeOffset.ParseExact(Encoding.UTF8.GetString(text), "O", CultureInfo.InvariantCulture);

    private static bool TryFixed(ReadOnlySpan<byte> t, out DateTimeOffset value)
    {
        value = default;
        if (t.Length != Length || t[4] != '-' || t[7] != '-' || t[10] != 'T' || t[13] != ':' || t[16] != ':' || t[19] != '.'
            || t[27] is not ((byte)'+' or (byte)'-') || t[30] != ':') return false;
        if (!Digits(t, 0, 4, out var year) || !Digits(t, 5, 2, out var month) || !Digits(t, 8, 2, out var day)
            || !Digits(t, 11, 2, out var hour) || !Digits(t, 14, 2, out var minute) || !Digits(t, 17, 2, out var second)
            || !Digits(t, 20, 7, out var fraction) || !Digits(t, 28, 2, out var offsetHours) || !Digits(t, 31, 2, out var offsetMinutes))
            return false;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59
            || offsetHours > 14 || offsetMinutes > 59) return false;
        var offset = new TimeSpan(offsetHours, offsetMinutes, 0);
        if (t[27] == '-') offset = -offset;
        var local = new DateTime(year, month, day, hour, minute, second).Ticks + fraction;
        var utc = local - offset.Ticks;
        if (utc < DateTime.MinValue.Ticks || utc > DateTime.MaxValue.Ticks) return false;
        value = new DateTimeOffset(local, offset);
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> t, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var d = t[i] - '0';
            if ((uint)d > 9) return false;
            value = value * 10 + d;
        }
        return true;
    }
}
