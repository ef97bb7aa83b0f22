using System.CommandLine;
using TmuxAgent.Replay.Cli;
using TmuxAgent.Replay.Sources;

namespace TmuxAgent.Replay.Compare;

/// <summary><c>compare A B [--branch B] [--limit N]</c>: a drill's log against another (exit 1 when they differ).</summary>
internal static class CompareCommand
{
    public static Command Build()
    {
        var left = new Argument<string>("A") { Description = "First audit log (e.g. the dry-run drill)" };
        var right = new Argument<string>("B") { Description = "Second audit log (e.g. production)" };
        var branch = new Option<string?>("--branch") { Description = "Only this branch" };
        var limit = new Option<int?>("--limit") { Description = "Only the last N parseable events of each log" };
        var cmd = new Command("compare", "Compares two recorded runs per branch: command sequences side by side, commands only in one, confirmations and max queue depth. Exit 1 when they differ.")
            { left, right, branch, limit };
        cmd.SetAction(pr =>
        {
            var n = pr.GetValue(limit);
            if (n < 0) throw new UsageException($"--limit: expected a positive number, got {n}");
            var (a, b) = (pr.GetValue(left)!, pr.GetValue(right)!);
            var settings = new ScanSettings();
            var comparison = RunComparison.Of(FileSummary.Branches(a, pr.GetValue(branch), n, settings), FileSummary.Branches(b, pr.GetValue(branch), n, settings));
            ComparisonText.Write(pr.InvocationConfiguration.Output, comparison, a, b);
            return comparison.Differs ? ExitCodes.Differences : ExitCodes.Ok;
        });
        return cmd;
    }
}
