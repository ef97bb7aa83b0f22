using System.CommandLine;
using TmuxAgent.Core.Store.Sqlite;
using TmuxAgent.Host.Audit;
using TmuxAgent.Host.Cli;

namespace TmuxAgent.Host.Store;

/// <summary><c>tmux-agent-orchestrator rebuild-store --from-audit-log PATH --store NEW.db</c>: a new SQLite store from the audit log
/// (docs/host.md, "Restoring a damaged store").</summary>
public static class RebuildStoreCommand
{
    /// <summary>The subcommand.</summary>
    public static Command Create()
    {
        var from = new Option<string>("--from-audit-log") { Description = "the audit log to read", DefaultValueFactory = _ => AuditSync.DefaultPath };
        var store = new Option<string>("--store") { Description = "the new SQLite store to write (must not exist)", Required = true };
        var command = new Command("rebuild-store", "rebuild a new SQLite event store from the audit log (when the store is damaged and no copy is good)") { from, store };
        command.SetAction((p, ct) => RunAsync(p.GetValue(from)!, p.GetValue(store)!, ct));
        return command;
    }

    private static async Task<int> RunAsync(string auditLog, string storePath, CancellationToken ct)
    {
        if (!File.Exists(auditLog))
        {
            await Console.Error.WriteLineAsync($"rebuild-store: {auditLog} does not exist");
            return ExitCodes.BadConfig;
        }
        if (File.Exists(storePath))
        {
            await Console.Error.WriteLineAsync($"rebuild-store: {storePath} exists; give a new file (move the damaged store aside first)");
            return ExitCodes.BadConfig;
        }
        StoreRebuildReport report;
        using (var target = SqliteEventStore.Open(storePath)) report = await StoreRebuild.FromAuditLogAsync(auditLog, target, ct);
        foreach (var s in report.Skipped) await Console.Error.WriteLineAsync("skipped: " + s);
        await Console.Out.WriteLineAsync($"rebuilt {storePath}: {report.Events} events from {auditLog} (last seq {report.LastSeq}); "
            + $"{report.OriginalFormatLines} lines of the original orchestrator left out; {report.Skipped.Count} lines skipped");
        return report.Skipped.Count == 0 ? ExitCodes.Ok : ExitCodes.Failed;
    }
}
