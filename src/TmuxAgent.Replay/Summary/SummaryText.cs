using System.Globalization;
using TmuxAgent.Core.Audit;

namespace TmuxAgent.Replay.Summary;

/// <summary>
/// Prints a summary: first exactly the original replay's lines (FORMATS.md), then what the original lacks —
/// skipped lines by reason (and their numbers with <c>--show-skipped</c>) and the work still outstanding per branch.
/// </summary>
internal static class SummaryText
{
    public const int ListedPerKind = 5;

    public static void Write(TextWriter o, ReplaySummary s)
    {
        WriteOriginal(o, s);
        WriteSkipped(o, s);
        WriteOutstanding(o, s);
    }

    /// <summary>The original's lines, unchanged.</summary>
    public static void WriteOriginal(TextWriter o, ReplaySummary s)
    {
        if (s.Events == 0)
        {
            o.WriteLine($"No orchestrator events found for {s.Branch ?? "all branches"} in {s.Log}");
            return;
        }
        o.WriteLine($"Replayed {s.Events} events from {s.Log}");
        o.WriteLine("Event counts:");
        foreach (var (name, count) in s.Counts) o.WriteLine($"  {name}: {count}");
        if (s.FirstTs is { } first && s.LastTs is { } last && s.Duration != 0)
        {
            o.WriteLine($"Start: {PythonFormat.IsoLocal(first)}");
            o.WriteLine($"End:   {PythonFormat.IsoLocal(last)}");
            o.WriteLine($"Duration: {PythonFormat.Fixed2(s.Duration)}s");
        }
        if (s.LastCommand is { } cmd) o.WriteLine($"Last command: {cmd}");
        if (s.LastSummary is { Length: > 0 } summary) o.WriteLine($"Last summary: {summary}");
        if (s.MaxQueueDepth > 0) o.WriteLine($"Max queue depth: {s.MaxQueueDepth}");
    }

    private static void WriteSkipped(TextWriter o, ReplaySummary s)
    {
        var reasons = string.Join(", ", s.SkippedByReason.Select(kv => $"{kv.Key.Describe()}: {kv.Value}"));
        var scope = s.LineNumbersFromEnd ? $" of the last {s.LinesRead} lines read" : "";
        o.WriteLine(s.SkippedTotal == 0 ? $"Skipped lines: 0{scope}" : $"Skipped lines: {s.SkippedTotal}{scope} ({reasons})");
        foreach (var line in s.SkippedLines)
        {
            var where = s.LineNumbersFromEnd ? $"line {line.LineNumber} from the end (byte {line.Offset})" : $"line {line.LineNumber}";
            o.WriteLine($"  {where}: {line.Reason.Describe()}{(line.Detail is null ? "" : $" ({line.Detail})")}");
        }
    }

    private static void WriteOutstanding(TextWriter o, ReplaySummary s)
    {
        if (s.Outstanding.Count == 0)
        {
            o.WriteLine("Outstanding at end: none");
            return;
        }
        o.WriteLine("Outstanding at end:");
        foreach (var b in s.Outstanding)
        {
            o.WriteLine($"  {b.Branch}: {b.Queued.Count} queued, {b.Pending.Count} pending confirmation{(b.Pending.Count == 1 ? "" : "s")}");
            List("queued", b.Queued);
            List("pending", b.Pending);
        }

        void List(string kind, IReadOnlyList<OutstandingCommand> items)
        {
            foreach (var c in items.Take(ListedPerKind))
                o.WriteLine($"    {kind}: {c.Text ?? "(no text)"}{(c.Since is { } t ? $" (since {PythonFormat.IsoLocal(t)})" : "")}");
            if (items.Count > ListedPerKind)
                o.WriteLine($"    … {(items.Count - ListedPerKind).ToString(CultureInfo.InvariantCulture)} more {kind}");
        }
    }
}
