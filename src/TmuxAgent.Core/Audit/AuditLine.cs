using System.Text.Json;

namespace TmuxAgent.Core.Audit;

/// <summary>One line of an audit log, as read by <see cref="AuditLogReader"/>: parsed or skipped.</summary>
public abstract record AuditEntry
{
    /// <summary>1-based line number.</summary>
    public required long LineNumber { get; init; }

    /// <summary>Byte offset of the line in the file.</summary>
    public required long Offset { get; init; }
}

/// <summary>A parseable line: a JSON object whose <c>ts</c> is a number, a decimal string, missing or null.</summary>
/// <param name="Root">The parsed object (owns its memory).</param>
/// <param name="Ts">Unix seconds; null when missing.</param>
/// <param name="Branch"><c>branch</c>, when a string.</param>
/// <param name="Event"><c>event</c>; <c>unknown</c> when missing.</param>
public sealed record AuditLine(JsonElement Root, double? Ts, string? Branch, string Event) : AuditEntry
{
    /// <summary><c>seq</c> of this project's lines.</summary>
    public long? Seq => Root.TryGetProperty("seq", out var s) && s.TryGetInt64(out var v) ? v : null;

    /// <summary><c>id</c> of this project's lines.</summary>
    public string? Id => Root.TryGetProperty("id", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
}

/// <summary>A line that is not an event, with the reason. Never dropped silently: readers count and report these.</summary>
/// <param name="Reason">Why it was skipped.</param>
/// <param name="Detail">More about it (parser message, sizes), or null.</param>
/// <param name="Terminated">False for a last line without a line break.</param>
public sealed record SkippedLine(SkipReason Reason, string? Detail, bool Terminated = true) : AuditEntry
{
    /// <inheritdoc />
    public override string ToString() =>
        $"line {LineNumber}: {Reason.Describe()}{(Detail is null ? "" : $" ({Detail})")}";
}

/// <summary>Why a line was skipped.</summary>
public enum SkipReason
{
    /// <summary>Empty or only whitespace.</summary>
    Blank,
    /// <summary>Bytes that are not UTF-8.</summary>
    InvalidUtf8,
    /// <summary>Not valid JSON (including NUL bytes and other control characters).</summary>
    InvalidJson,
    /// <summary>Valid JSON, but not an object.</summary>
    NotAnObject,
    /// <summary><c>ts</c> is neither a number nor a string holding one.</summary>
    BadTimestamp,
    /// <summary><c>event</c> is present but not a string.</summary>
    BadEvent,
    /// <summary>Longer than the line limit.</summary>
    TooLong,
    /// <summary>Nested deeper than the depth limit.</summary>
    TooDeep,
    /// <summary>The last line has no line break and does not parse: a half-written line.</summary>
    TornLastLine,
}

/// <summary>Texts of <see cref="SkipReason"/>.</summary>
public static class SkipReasonText
{
    /// <summary>A short phrase for reports.</summary>
    public static string Describe(this SkipReason r) => r switch
    {
        SkipReason.Blank => "blank line",
        SkipReason.InvalidUtf8 => "invalid UTF-8",
        SkipReason.InvalidJson => "not JSON",
        SkipReason.NotAnObject => "not a JSON object",
        SkipReason.BadTimestamp => "ts is not a number",
        SkipReason.BadEvent => "event is not a string",
        SkipReason.TooLong => "line too long",
        SkipReason.TooDeep => "nested too deeply",
        SkipReason.TornLastLine => "torn last line",
        _ => r.ToString(),
    };

    /// <summary>A stable snake_case key for JSON output.</summary>
    public static string Key(this SkipReason r) => r switch
    {
        SkipReason.Blank => "blank",
        SkipReason.InvalidUtf8 => "invalid_utf8",
        SkipReason.InvalidJson => "invalid_json",
        SkipReason.NotAnObject => "not_object",
        SkipReason.BadTimestamp => "bad_ts",
        SkipReason.BadEvent => "bad_event",
        SkipReason.TooLong => "too_long",
        SkipReason.TooDeep => "too_deep",
        SkipReason.TornLastLine => "torn_last_line",
        _ => r.ToString(),
    };
}
