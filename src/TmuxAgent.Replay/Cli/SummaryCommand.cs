using System.CommandLine;
using TmuxAgent.Replay.Sources;
using TmuxAgent.Core.Projections.Replay;
using TmuxAgent.Replay.Summary;

namespace TmuxAgent.Replay.Cli;

/// <summary>The original's command (<c>--log</c>, <c>--branch</c>, <c>--limit</c>) and its additions.</summary>
internal sealed class SummaryCommand
{
    public const string DefaultLog = ".tmuxagent/logs/orchestrator-actions.jsonl";

    public Option<string> Log { get; } = new("--log") { Description = "Audit log to replay (JSONL, original or this project's format)", DefaultValueFactory = _ => DefaultLog };
    public Option<string?> Branch { get; } = new("--branch") { Description = "Only events of this branch (applied after --limit)" };
    public Option<int?> Limit { get; } = new("--limit") { Description = "Keep only the last N parseable events (reads only the tail of the file)" };
    public Option<bool> ShowSkipped { get; } = new("--show-skipped") { Description = "List the line number and reason of every skipped line" };
    public Option<string?> Store { get; } = new("--store") { Description = "Read the SQLite event store at PATH instead of a log" };
    public Option<bool> Json { get; } = new("--json") { Description = "Print the summary as JSON" };
    public Option<string?> Since { get; } = new("--since") { Description = "Only events at or after this time (Unix seconds or ISO 8601, local unless an offset is given)" };
    public Option<string?> Until { get; } = new("--until") { Description = "Only events before this time" };

    public void AddTo(Command root)
    {
        foreach (var o in new Option[] { Log, Branch, Limit, ShowSkipped, Store, Json, Since, Until }) root.Options.Add(o);
        root.SetAction((pr, ct) => RunAsync(pr, ct));
    }

    private async Task<int> RunAsync(ParseResult pr, CancellationToken ct)
    {
        var limit = pr.GetValue(Limit);
        if (limit < 0) throw new UsageException($"--limit: expected a positive number, got {limit}");
        if (limit == 0) limit = null; // the original treats 0 as no limit
        var filter = new ReplayFilter(pr.GetValue(Branch), TimeArgument.Parse(pr.GetValue(Since), "--since"), TimeArgument.Parse(pr.GetValue(Until), "--until"));
        var settings = new ScanSettings(KeepSkipped: pr.GetValue(ShowSkipped));
        ReplaySummary summary;
        if (pr.GetValue(Store) is { } storePath)
        {
            var store = ReplayStore.Open(storePath);
            var textsPerList = pr.GetValue(Json) ? (int?)null : SummaryText.ListedPerKind;
            try { summary = await StoreSummary.RunAsync(store, storePath, filter, limit, ct, textsPerList); }
            finally { (store as IDisposable)?.Dispose(); }
        }
        else
        {
            var log = pr.GetValue(Log)!;
            if (!File.Exists(log)) await pr.InvocationConfiguration.Error.WriteLineAsync($"warning: {log} does not exist");
            var size = File.Exists(log) && limit is null ? new FileInfo(log).Length : 0;
            var textsPerList = pr.GetValue(Json) ? (int?)null : SummaryText.ListedPerKind;
            summary = ProgressBar.Run("Replaying", size, progress => FileSummary.Run(log, filter, limit, settings, progress, textsPerList));
        }
        var o = pr.InvocationConfiguration.Output;
        if (pr.GetValue(Json))
        {
            using var json = new MemoryStream();
            SummaryJson.Write(json, summary);
            await o.WriteAsync(System.Text.Encoding.UTF8.GetString(json.ToArray()));
        }
        else SummaryText.Write(o, summary);
        await o.FlushAsync(ct);
        return ExitCodes.Ok;
    }
}
