using TmuxAgent.Core.Audit;
using TmuxAgent.Core.Serialization;
using TmuxAgent.Core.Store;

namespace TmuxAgent.Replay.Sources;

/// <summary>Reads a recorded run for <c>compare</c> and <c>rerun</c>: the lines of a log (all, or the last N
/// parseable ones read from the tail), or the events of a store.</summary>
internal static class RecordedLog
{
    /// <summary>Every entry of the log; with <paramref name="limit"/>, the last N parseable lines and the skipped lines among them.</summary>
    public static List<AuditEntry> Read(string path, int? limit, AuditLogReaderOptions? options = null)
    {
        options ??= AuditLogReaderOptions.Default;
        if (!File.Exists(path)) throw new Cli.UsageException($"{path}: no such log file");
        if (limit is not { } n || n <= 0) return new AuditLogReader(options).ReadFile(path).ToList();
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var lines = new BackwardLineSplitter(file, RandomAccess.GetLength(file), options.MaxLineBytes);
        var entries = new List<AuditEntry>();
        var events = 0;
        while (events < n && lines.Previous(out var line, out var bytes))
        {
            var entry = AuditLogReader.Parse(line, bytes, options);
            if (entry is AuditLine) events++;
            entries.Add(entry);
        }
        entries.Reverse();
        return entries;
    }

    /// <summary>The events of a log that this project wrote (original-format lines carry no decision inputs and are counted apart).</summary>
    public static RecordedEvents Decode(IEnumerable<AuditEntry> entries)
    {
        var events = new List<AuditEvent>();
        long original = 0, undecodable = 0, skipped = 0;
        foreach (var entry in entries)
        {
            if (entry is not AuditLine line) { skipped++; continue; }
            var e = AuditLineDecoder.TryDecode(line, out _);
            if (e is not null) events.Add(e);
            else if (line.Seq is null) original++;
            else undecodable++;
        }
        return new RecordedEvents(events, original, undecodable, skipped);
    }

    /// <summary>Every event of a store, in global order.</summary>
    public static async Task<RecordedEvents> FromStoreAsync(IEventReader store, CancellationToken ct)
    {
        var events = new List<AuditEvent>();
        long undecodable = 0;
        await foreach (var page in store.ReadPagesAsync(0, 4096, ct).ConfigureAwait(false))
            foreach (var e in page.Events.ToArray())
            {
                try { events.Add(new AuditEvent(e.Position, e.EventId, EventSerializer.FromRaw(e))); }
                catch (Exception x) when (x is UnknownEventTypeException or System.Text.Json.JsonException) { undecodable++; }
            }
        return new RecordedEvents(events, 0, undecodable, 0);
    }
}

/// <summary>The events rebuilt from a recorded run, with the lines that gave none.</summary>
/// <param name="Events">Events of this project, in order.</param>
/// <param name="OriginalLines">Lines in the original's format (no <c>seq</c>/<c>id</c>).</param>
/// <param name="Undecodable">Lines of this project that could not be rebuilt (e.g. an event type of a newer version).</param>
/// <param name="SkippedLines">Lines that were not events at all.</param>
internal sealed record RecordedEvents(IReadOnlyList<AuditEvent> Events, long OriginalLines, long Undecodable, long SkippedLines);
