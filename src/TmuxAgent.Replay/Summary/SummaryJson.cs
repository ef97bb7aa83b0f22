using System.Text.Encodings.Web;
using System.Text.Json;
using TmuxAgent.Core.Audit;

namespace TmuxAgent.Replay.Summary;

/// <summary><c>--json</c>: the summary as one JSON object for scripts (times as Unix seconds and local ISO text).</summary>
internal static class SummaryJson
{
    public static void Write(Stream output, ReplaySummary s)
    {
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        w.WriteStartObject();
        w.WriteString("log", s.Log);
        if (s.Branch is null) w.WriteNull("branch"); else w.WriteString("branch", s.Branch);
        w.WriteNumber("events", s.Events);
        w.WriteStartObject("event_counts");
        foreach (var (name, count) in s.Counts) w.WriteNumber(name, count);
        w.WriteEndObject();
        Time(w, "start", s.FirstTs);
        Time(w, "end", s.LastTs);
        w.WriteNumber("duration_seconds", s.Duration);
        if (s.LastCommand is null) w.WriteNull("last_command"); else w.WriteString("last_command", s.LastCommand);
        if (s.LastSummary is null) w.WriteNull("last_summary"); else w.WriteString("last_summary", s.LastSummary);
        w.WriteNumber("max_queue_depth", s.MaxQueueDepth);
        w.WriteStartObject("skipped");
        w.WriteNumber("total", s.SkippedTotal);
        w.WriteBoolean("line_numbers_from_end", s.LineNumbersFromEnd);
        w.WriteStartObject("by_reason");
        foreach (var (reason, count) in s.SkippedByReason) w.WriteNumber(reason.Key(), count);
        w.WriteEndObject();
        w.WriteStartArray("lines");
        foreach (var l in s.SkippedLines)
        {
            w.WriteStartObject();
            w.WriteNumber("line", l.LineNumber);
            w.WriteNumber("offset", l.Offset);
            w.WriteString("reason", l.Reason.Key());
            if (l.Detail is not null) w.WriteString("detail", l.Detail);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartObject("outstanding");
        foreach (var b in s.Outstanding)
        {
            w.WriteStartObject(b.Branch);
            Commands(w, "queued", b.Queued);
            Commands(w, "pending_confirmation", b.Pending);
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteEndObject();
        w.Flush();
        output.Write("\n"u8);
    }

    private static void Time(Utf8JsonWriter w, string name, double? ts)
    {
        if (ts is { } t) { w.WriteNumber(name + "_ts", t); w.WriteString(name, PythonFormat.IsoLocal(t)); }
        else { w.WriteNull(name + "_ts"); w.WriteNull(name); }
    }

    private static void Commands(Utf8JsonWriter w, string name, IReadOnlyList<OutstandingCommand> items)
    {
        w.WriteStartArray(name);
        foreach (var c in items)
        {
            w.WriteStartObject();
            if (c.Text is null) w.WriteNull("text"); else w.WriteString("text", c.Text);
            if (c.Since is { } t) w.WriteNumber("since_ts", t); else w.WriteNull("since_ts");
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}
