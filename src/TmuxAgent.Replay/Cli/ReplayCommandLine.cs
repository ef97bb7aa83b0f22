using System.CommandLine;
using TmuxAgent.Replay.Compare;
using TmuxAgent.Replay.Rerun;
using TmuxAgent.Replay.Sources;

namespace TmuxAgent.Replay.Cli;

/// <summary>The command line of <c>tmux-agent-orchestrator-replay</c>: the original's summary plus <c>compare</c> and <c>rerun</c>.</summary>
internal static class ReplayCommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Replays the orchestrator's audit log (or event store): post-incident summaries, drills that compare two runs, and policy re-runs.");
        new SummaryCommand().AddTo(root);
        root.Subcommands.Add(CompareCommand.Build());
        root.Subcommands.Add(RerunCommand.Build());
        return root;
    }

    /// <summary>Parses and runs; usage errors exit 2, as configuration errors do.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        var root = Build();
        var parse = root.Parse(args);
        var err = stderr ?? Console.Error;
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors) await err.WriteLineAsync($"error: {e.Message}");
            await err.WriteLineAsync("Try --help.");
            return ExitCodes.Usage;
        }
        try
        {
            var config = new InvocationConfiguration { ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false };
            if (stdout is not null) config.Output = stdout;
            if (stderr is not null) config.Error = stderr;
            return await parse.InvokeAsync(config);
        }
        catch (Exception x) when (x is UsageException or StoreOpenException or Rerun.PolicyFileException)
        {
            await err.WriteLineAsync($"error: {x.Message}");
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException)
        {
            return ExitCodes.Ok;
        }
    }
}
