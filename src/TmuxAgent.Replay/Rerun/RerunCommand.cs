using System.CommandLine;
using TmuxAgent.Core.Audit;
using TmuxAgent.Replay.Cli;
using TmuxAgent.Replay.Sources;
using TmuxAgent.Replay.Summary;

namespace TmuxAgent.Replay.Rerun;

/// <summary><c>rerun --orchestrator-config NEW.toml [--log PATH | --store PATH] [--branch B]</c>.</summary>
internal static class RerunCommand
{
    public static Command Build()
    {
        var config = new Option<string>("--orchestrator-config") { Description = "The policy to try (orchestrator.toml)", Required = true };
        var log = new Option<string>("--log") { Description = "Recorded audit log", DefaultValueFactory = _ => SummaryCommand.DefaultLog };
        var store = new Option<string?>("--store") { Description = "Read the SQLite event store at PATH instead of a log" };
        var branch = new Option<string?>("--branch") { Description = "Only this branch" };
        var cmd = new Command("rerun", "Feeds the recorded decision inputs through Decide under another policy and lists every command whose outcome would change (exit 1 when any would).")
            { config, log, store, branch };
        cmd.SetAction(async (pr, ct) =>
        {
            var configPath = pr.GetValue(config)!;
            var policy = PolicyFile.Load(configPath);
            RecordedEvents recorded;
            string source;
            if (pr.GetValue(store) is { } storePath)
            {
                var reader = ReplayStore.Open(storePath);
                try { recorded = await RecordedLog.FromStoreAsync(reader, ct); }
                finally { (reader as IDisposable)?.Dispose(); }
                source = storePath;
            }
            else
            {
                source = pr.GetValue(log)!;
                recorded = RecordedLog.Decode(RecordedLog.Read(source, null));
            }
            var report = PolicyRerun.Run(recorded.Events, policy, pr.GetValue(branch));
            Print(pr.InvocationConfiguration.Output, report, recorded, source, configPath);
            return report.Changes.Count > 0 ? ExitCodes.Differences : ExitCodes.Ok;
        });
        return cmd;
    }

    internal static void Print(TextWriter o, RerunReport r, RecordedEvents recorded, string source, string configPath)
    {
        o.WriteLine($"Re-ran {r.Decisions} decisions ({r.Commands} commands) on {r.Branches} branches from {source} under {configPath}");
        if (recorded.OriginalLines > 0)
            o.WriteLine($"Original-format lines without decision inputs: {recorded.OriginalLines}");
        if (recorded.Undecodable > 0) o.WriteLine($"Lines that could not be rebuilt: {recorded.Undecodable}");
        if (recorded.SkippedLines > 0) o.WriteLine($"Skipped lines: {recorded.SkippedLines}");
        if (r.Changes.Count == 0)
        {
            o.WriteLine("No decision would change.");
            return;
        }
        o.WriteLine($"Changed outcomes: {r.Changes.Count}");
        foreach (var c in r.Changes)
            o.WriteLine($"  {c.Branch}  {PythonFormat.IsoLocal((double)UnixTimestamp.ToSeconds(c.At))}  {c.DecisionId}  {c.Command}: {c.Recorded} -> {c.Now}");
        var byKind = r.Changes.GroupBy(c => c.Now.Kind).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"now {g.Key}: {g.Count()}");
        o.WriteLine($"By new outcome: {string.Join(", ", byKind)}");
    }
}
