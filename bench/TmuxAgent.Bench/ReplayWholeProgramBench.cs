using System.Diagnostics;

namespace TmuxAgent.Bench;

/// <summary>
/// Whole-program benchmark of <c>tmux-agent-orchestrator-replay</c>: runs the built app as a process (start-up
/// included) on a generated log, several times, and prints the wall-clock times.
/// Usage: <c>replay-gen OUT.jsonl [EVENTS]</c>, <c>replay-bench REPLAY_DLL_OR_EXE LOG [RUNS]</c>.
/// </summary>
public static class ReplayWholeProgramBench
{
    public static bool TryRun(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "replay-gen":
                var events = args.Length > 2 ? int.Parse(args[2]) : 1_000_000;
                var sw = Stopwatch.StartNew();
                ReplayLogGenerator.Write(args[1], events);
                Console.WriteLine($"wrote {events} events, {new FileInfo(args[1]).Length / 1e6:F1} MB to {args[1]} in {sw.Elapsed.TotalSeconds:F1}s");
                return true;
            case "replay-bench":
                var runs = args.Length > 3 ? int.Parse(args[3]) : 5;
                Measure(args[1], ["--log", args[2]], runs);
                Measure(args[1], ["--log", args[2], "--branch", "weather/bot", "--limit", "200"], runs);
                Measure(args[1], ["--log", args[2], "--json"], runs);
                return true;
            default:
                return false;
        }
    }

    private static void Measure(string app, string[] args, int runs)
    {
        var times = new List<double>();
        for (var i = 0; i < runs + 1; i++)
        {
            var psi = app.EndsWith(".dll", StringComparison.Ordinal) ? new ProcessStartInfo("dotnet") { ArgumentList = { app } } : new ProcessStartInfo(app);
            foreach (var a in args) psi.ArgumentList.Add(a);
            psi.RedirectStandardOutput = true;
            psi.RedirectStandardError = true;
            var sw = Stopwatch.StartNew();
            using var p = Process.Start(psi)!;
            p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            sw.Stop();
            if (p.ExitCode != 0) throw new InvalidOperationException($"exit code {p.ExitCode}");
            if (i > 0) times.Add(sw.Elapsed.TotalSeconds); // the first run warms the page cache
        }
        times.Sort();
        Console.WriteLine($"{string.Join(' ', args),-70} median {times[times.Count / 2]:F3}s  min {times[0]:F3}s  max {times[^1]:F3}s  ({runs} runs)");
    }
}
