using System.Globalization;

namespace TmuxAgent.Core.Audit;

/// <summary>
/// The audit log's <c>ts</c>: Unix seconds as a decimal number. Written exactly to the tick (seven decimals at most),
/// so a reader recovers the event time to the tick.
/// </summary>
public static class UnixTimestamp
{
    private static readonly long EpochTicks = DateTimeOffset.UnixEpoch.UtcTicks;

    /// <summary>The exact Unix seconds of <paramref name="at"/>.</summary>
    public static decimal ToSeconds(DateTimeOffset at) => (at.UtcTicks - EpochTicks) / (decimal)TimeSpan.TicksPerSecond;

    /// <summary>The Unix seconds of <paramref name="at"/> as a double (what the original wrote).</summary>
    public static double ToDouble(DateTimeOffset at) => (double)ToSeconds(at);

    /// <summary>The time of exact Unix seconds, truncated to the tick.</summary>
    public static DateTimeOffset FromSeconds(decimal seconds) =>
        new(EpochTicks + (long)decimal.Truncate(seconds * TimeSpan.TicksPerSecond), TimeSpan.Zero);

    /// <summary>The time of Unix seconds given as a double, to the nearest tick.</summary>
    public static DateTimeOffset FromDouble(double seconds) =>
        new(EpochTicks + (long)Math.Round(seconds * TimeSpan.TicksPerSecond), TimeSpan.Zero);

    /// <summary>
    /// Parses a <c>ts</c> given as a string the way Python's <c>float()</c> reads a decimal number:
    /// surrounding whitespace, an optional sign, digits with an optional fraction and exponent.
    /// </summary>
    public static bool TryParseDecimalString(ReadOnlySpan<char> text, out double seconds)
    {
        seconds = 0;
        var t = text.Trim();
        if (t.IsEmpty) return false;
        foreach (var c in t)
            if (!(char.IsAsciiDigit(c) || c is '.' or '+' or '-' or 'e' or 'E')) return false;
        return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds) && double.IsFinite(seconds);
    }
}
