using System.Diagnostics;
using TmuxAgent.Core.Store.Sqlite;

namespace TmuxAgent.Bench;

/// <summary>
/// <c>dotnet run -c Release -- quick</c>: a rough single-process pass over the same benchmark methods that reports
/// wall time and CPU time per operation. Not a substitute for BenchmarkDotNet; useful on a loaded machine, where
/// CPU time shows what the code costs and wall time what the machine allowed.
/// </summary>
internal static class QuickRun
{
    public static async Task RunAsync()
    {
        var decide = new DecideBenchmarks();
        decide.Generate();
        Measure("Decide + Evolve, per input", 20_000, 20, () => { decide.DecideAndEvolve(); return Task.CompletedTask; });

        var fold = new ReadFoldBenchmarks();
        await fold.Fill();
        Measure("SQLite read + deserialise + fold, per event", 100_000, 5, fold.SqliteReadAndFold);
        Measure("SQLite read rows only, per event", 100_000, 5, fold.SqliteReadOnly);
        fold.Delete();

        var parts = new DecodeFoldBenchmarks();
        await parts.Fill();
        Measure("deserialise only, per event", 100_000, 5, () => { parts.DeserialiseOnly(); return Task.CompletedTask; });
        Measure("fold only, per event", 100_000, 5, () => { parts.FoldOnly(); return Task.CompletedTask; });
        Measure("in-memory read + deserialise + fold, per event", 100_000, 5, parts.InMemoryReadAndFold);

        foreach (var mode in new[] { SqliteSynchronous.Normal, SqliteSynchronous.Full })
        {
            var append = new AppendBenchmarks { Synchronous = mode };
            append.Open();
            Measure($"batched append ({mode}), per event", 10_000, 5, append.BatchedAppend);
            Measure($"single-event commit ({mode})", 1, mode == SqliteSynchronous.Full ? 300 : 3000, append.SingleEventCommit);
            append.Delete();
        }
    }

    private static void Measure(string name, int opsPerInvoke, int invokes, Func<Task> action)
    {
        action().GetAwaiter().GetResult();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < invokes; i++) action().GetAwaiter().GetResult();
        wall.Stop();
        var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        double ops = (double)opsPerInvoke * invokes;
        Console.WriteLine($"{name,-50} wall {wall.Elapsed.TotalMicroseconds / ops,9:0.000} µs ({ops / wall.Elapsed.TotalSeconds,12:N0}/s)   cpu {cpuUsed.TotalMicroseconds / ops,9:0.000} µs");
    }
}
