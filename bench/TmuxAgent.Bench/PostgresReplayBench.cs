using System.Diagnostics;
using TmuxAgent.Core.Serialization;
using TmuxAgent.Core.Store;
using TmuxAgent.Core.Store.Postgres;
using TmuxAgent.Tests.Support;

namespace TmuxAgent.Bench;

/// <summary>
/// <c>pg-replay EVENTS REPLAY_BIN[,REPLAY_BIN…] [RUNS] [OUT]</c>: the same <see cref="Workload"/> events <c>store-gen</c> writes, appended
/// to a PostgreSQL store (a private cluster of the tests' fixture on loopback, or <c>TMUXAGENT_PG</c>), then
/// <c>REPLAY_BIN --store postgres://…</c> run RUNS times for each binary, interleaved, under <c>/usr/bin/time</c> (wall,
/// user, sys); the last output is written to OUT (default /tmp/pg-replay.txt) to compare with the SQLite store's.
/// </summary>
public static class PostgresReplayBench
{
    public static async Task RunAsync(int events, string replay, int runs, string output)
    {
        using var server = PostgresServer.Start(durable: false);
        var schema = server.CreateSchema("replay");
        await LoadAsync(schema.ConnectionString, events);
        var url = PostgresServer.Url(schema);
        for (var i = 0; i < runs; i++)
        foreach (var bin in replay.Split(','))
        {
            var psi = new ProcessStartInfo("/usr/bin/time", ["-f", "%e s wall %U user %S sys", bin, "--store", url])
                { RedirectStandardOutput = true, RedirectStandardError = true };
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            await p.WaitForExitAsync();
            await File.WriteAllTextAsync(output, await stdout);
            Console.WriteLine($"  {bin} --store postgres: {(await stderr).Trim()}");
        }
    }

    /// <summary>Appends the first <paramref name="events"/> <see cref="Workload"/> events (1000 per transaction) to the PostgreSQL store at <paramref name="connectionString"/>.</summary>
    public static async Task LoadAsync(string connectionString, int events)
    {
        var sw = Stopwatch.StartNew();
        using (var store = PostgresEventStore.Open(connectionString))
        {
            var n = 0;
            foreach (var batch in Workload.Generate(40, events).Events.Take(events).Chunk(1000))
                await store.AppendManyAsync(batch.Select(e => new StreamAppend(StreamName.ForBranch(e.Branch), ExpectedVersion.Any,
                    [EventSerializer.ToNew(e, $"ev-{++n}")])).ToList());
        }
        Console.WriteLine($"appended {events} events to PostgreSQL in {sw.Elapsed.TotalSeconds:F1}s");
    }
}
