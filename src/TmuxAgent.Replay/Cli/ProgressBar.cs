using Spectre.Console;

namespace TmuxAgent.Replay.Cli;

/// <summary>A progress bar on stderr for long scans, only when stderr is a terminal; silent otherwise.</summary>
internal static class ProgressBar
{
    /// <summary>Scans smaller than this finish before a bar would be seen.</summary>
    private const long MinBytes = 64L << 20;

    public static T Run<T>(string label, long totalBytes, Func<Action<long, long>?, T> work)
    {
        if (Console.IsErrorRedirected || totalBytes < MinBytes) return work(null);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        T result = default!;
        console.Progress().AutoClear(true).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(label, maxValue: totalBytes);
                result = work((done, total) => task.Value = Math.Min(done, total));
            });
        return result;
    }
}
