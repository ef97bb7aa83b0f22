using System.Globalization;
using TmuxAgent.Core.Audit;

namespace TmuxAgent.Replay.Cli;

/// <summary><c>--since/--until</c>: Unix seconds, or an ISO 8601 date/time (local time unless it names an offset).</summary>
internal static class TimeArgument
{
    public static double? Parse(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && LineRules.IsInRange(seconds)) return seconds;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var at))
            return (double)UnixTimestamp.ToSeconds(at);
        throw new UsageException($"{option}: expected Unix seconds or an ISO 8601 time such as 2025-11-23T13:00:00, got \"{text}\"");
    }
}
