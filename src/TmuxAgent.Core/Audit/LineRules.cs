using System.Text.Json;

namespace TmuxAgent.Core.Audit;

/// <summary>The original replay's rules for <c>ts</c> and <c>event</c>, shared by every reader.</summary>
public static class LineRules
{
    /// <summary>Largest Unix seconds a local date can show (year 9999).</summary>
    public const double MaxSeconds = 253402300799.0;

    /// <summary>Smallest Unix seconds a local date can show (year 1).</summary>
    public const double MinSeconds = -62135596800.0;

    /// <summary>The event name of an event without one.</summary>
    public const string UnknownEvent = "unknown";

    /// <summary>
    /// <c>ts</c>: a JSON number, or a string holding a decimal number, counts as that number; missing or null is
    /// null; anything else (or a time no date can show) is an error.
    /// </summary>
    public static double? ReadTs(JsonElement root, out string? error)
    {
        error = null;
        if (!root.TryGetProperty("ts", out var ts) || ts.ValueKind == JsonValueKind.Null) return null;
        double value;
        switch (ts.ValueKind)
        {
            case JsonValueKind.Number when ts.TryGetDouble(out value): break;
            case JsonValueKind.String when UnixTimestamp.TryParseDecimalString(ts.GetString(), out value): break;
            default:
                error = $"ts: expected a number, got {Shorten(ts.GetRawText())}";
                return null;
        }
        if (IsInRange(value)) return value;
        error = $"ts: {value} is outside the range of dates";
        return null;
    }

    /// <summary>True when <paramref name="seconds"/> is a time a date can show.</summary>
    public static bool IsInRange(double seconds) => double.IsFinite(seconds) && seconds is >= MinSeconds and <= MaxSeconds;

    /// <summary><c>event</c>: a string; <see cref="UnknownEvent"/> when missing; anything else is an error.</summary>
    public static string? ReadEvent(JsonElement root, out string? error)
    {
        error = null;
        if (!root.TryGetProperty("event", out var e)) return UnknownEvent;
        if (e.ValueKind == JsonValueKind.String) return e.GetString();
        error = $"event: expected a string, got {Shorten(e.GetRawText())}";
        return null;
    }

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
