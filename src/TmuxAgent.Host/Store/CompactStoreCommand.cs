using System.CommandLine;
using System.Globalization;
using TmuxAgent.Core.Store;
using TmuxAgent.Core.Store.Compaction;
using TmuxAgent.Host.Cli;

namespace TmuxAgent.Host.Store;

/// <summary><c>tmux-agent-orchestrator store compact --before DATE [--store S] [--archive FILE] [--dry-run]</c>: bounded growth
/// (docs/architecture.md, "Compaction"). Every branch stream's events before DATE are archived to JSONL (fsync'd), then
/// replaced by a stream snapshot in one transaction; safe while hosts run on the store.</summary>
public static class CompactStoreCommand
{
    /// <summary>The <c>store</c> command with its <c>compact</c> subcommand.</summary>
    public static Command Create()
    {
        var before = new Option<string>("--before")
        {
            Description = "drop each branch's events before this time: 2026-01-31 (midnight UTC) or 2026-01-31T12:00:00+08:00",
            Required = true,
        };
        var store = new Option<string>("--store")
        {
            Description = "event store: a SQLite file path, or a PostgreSQL connection string (postgres://…)",
            DefaultValueFactory = _ => StoreFactory.DefaultPath,
        };
        var archive = new Option<string?>("--archive")
        {
            Description = "JSONL file the dropped events are written to first (must not exist; "
                + "default .tmuxagent/archive/events-before-<DATE>-<now>.jsonl)",
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "say what would be dropped and archived; change nothing" };
        var compact = new Command("compact", "archive each branch's events before a date to JSONL, then replace them with a snapshot of the "
            + "branch at that point (queues, pending approvals, leases and counters are kept; safe while hosts run)")
        {
            before, store, archive, dryRun,
        };
        compact.SetAction((p, ct) => RunAsync(p.GetValue(before)!, p.GetValue(store)!, p.GetValue(archive), p.GetValue(dryRun), TimeProvider.System, ct));
        return new Command("store", "maintain the event store") { compact };
    }

    /// <summary>Runs the command (<paramref name="time"/>: the clock, for "in the future" and file names).</summary>
    public static async Task<int> RunAsync(string beforeText, string storeName, string? archivePath, bool dryRun, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (ParseDate(beforeText) is not { } before)
            return await FailAsync($"--before: expected a date like 2026-01-31 or 2026-01-31T12:00:00+08:00 (no offset: UTC), got \"{beforeText}\"");
        if (before > now)
            return await FailAsync($"--before {before:O} is in the future (now {now:O}); only events before now can be compacted");
        if (EventStores.KindOf(storeName) == StoreKind.Sqlite && !File.Exists(SqlitePath(storeName)))
            return await FailAsync($"{storeName}: no event store there (give --store)");
        archivePath ??= Path.Combine(".tmuxagent", "archive", $"events-before-{before.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}-{now.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}.jsonl");
        if (File.Exists(archivePath)) return await FailAsync($"--archive {archivePath} exists; give a new file");

        var opened = StoreFactory.Open(storeName);
        try
        {
            if (opened is not ICompactableStore target) return await FailAsync($"{storeName}: this store cannot be compacted");
            if (dryRun)
            {
                var plan = await StoreCompactor.PlanAsync(target, before, now, ct: ct);
                await Console.Out.WriteLineAsync($"store compact --dry-run: would archive {Describe(plan)} to {Path.GetFullPath(archivePath)} and delete them; nothing changed");
                foreach (var cut in plan.Cuts) await Console.Out.WriteLineAsync($"  {cut.Stream}: events up to version {cut.UpToVersion}");
                return ExitCodes.Ok;
            }
            CompactionPlan done;
            string archived;
            using (var file = CompactionArchive.Create(archivePath))
            {
                done = await StoreCompactor.PlanAsync(target, before, now, file.WriteAsync, ct);
                file.Sync();
                archived = file.Path;
            }
            if (done.EventsDropped == 0)
            {
                File.Delete(archived);
                await Console.Out.WriteLineAsync($"store compact: nothing before {before:O} to compact ({done.EventsKept} events kept); no archive written");
                return ExitCodes.Ok;
            }
            var result = await target.CompactAsync(done.Cuts, CancellationToken.None);
            await Console.Out.WriteLineAsync($"store compact: archived {Describe(done)} to {archived}; deleted {result.EventsDeleted} events "
                + $"and left a snapshot of each branch at its cut; {done.EventsKept} events kept"
                + (result.SnapshotsDropped > 0 ? $"; {result.SnapshotsDropped} host snapshot(s) that held less dropped (rewritten by the hosts)" : ""));
            return ExitCodes.Ok;
        }
        finally { (opened as IDisposable)?.Dispose(); }
    }

    private static string Describe(CompactionPlan plan) =>
        $"{plan.EventsDropped} events of {plan.Cuts.Count} branch stream(s) before {plan.Before:O}"
        + (plan.FirstDropped is { } first ? $" (recorded {first:O} to {plan.LastDropped:O})" : "");

    /// <summary>ISO 8601 only (no ambiguous day/month orders): a date, or a date and time with an optional offset.</summary>
    private static readonly string[] DateFormats =
        ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ssK"];

    /// <summary>A date (midnight UTC) or a date and time (UTC unless an offset is given); null when neither.</summary>
    internal static DateTimeOffset? ParseDate(string text) =>
        DateTimeOffset.TryParseExact(text.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : null;

    private static string SqlitePath(string s) => s.Trim().StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase) ? s.Trim()[7..] : s.Trim();

    private static async Task<int> FailAsync(string message)
    {
        await Console.Error.WriteLineAsync("store compact: " + message);
        return ExitCodes.BadConfig;
    }
}
