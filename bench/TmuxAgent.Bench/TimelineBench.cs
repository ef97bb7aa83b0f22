using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using TmuxAgent.Core.Serialization;
using TmuxAgent.Core.Store;
using TmuxAgent.Core.Store.Sqlite;
using TmuxAgent.Host.Observers;
using TmuxAgent.Host.Web;
using TmuxAgent.Host.Web.Dashboard;
using TmuxAgent.Host.Web.Dashboard.Branches;

namespace TmuxAgent.Bench;

/// <summary>
/// The branch page's first page over real HTTP (issue 19): a SQLite store whose branch stream holds N events (the
/// <see cref="Workload"/> mix, interleaved with as many events of another branch), the real dashboard listener on loopback,
/// and <c>GET /api/branches/{branch}/events</c> (first page, a kind filter, a page from the middle) timed per request, with
/// the bytes allocated per request and the managed heap after. Usage: <c>timeline-bench [N …]</c> (default 5000 50000).
/// </summary>
public static class TimelineBench
{
    private const string Branch = "team/feature-000";

    public static async Task RunAsync(int[] sizes)
    {
        Console.WriteLine($"{"events in the stream",22} {"request",-34} {"median ms",10} {"p95 ms",8} {"max ms",8} {"alloc/req",12} {"heap after",12}");
        foreach (var n in sizes.Length > 0 ? sizes : [5000, 50_000]) await MeasureAsync(n);
    }

    private static async Task MeasureAsync(int perBranch)
    {
        var dir = Directory.CreateTempSubdirectory("tmuxagent-timeline-bench-");
        try
        {
            using var store = SqliteEventStore.Open(Path.Combine(dir.FullName, "events.db"));
            var (middle, inStream) = await FillAsync(store, perBranch);
            var status = new OrchestratorStatus();
            await using var surface = new DashboardSurface(new ListenAddress("127.0.0.1", 0), false, status, "done", () => null, [],
                TimeProvider.System, NullLoggerFactory.Instance, new WebMetrics())
            {
                Pages = new BranchPages(store, null, status, new StoreTail(), TimeProvider.System, showPanes: false),
            };
            await surface.StartAsync(CancellationToken.None);
            using var http = new HttpClient { BaseAddress = surface.Url };
            foreach (var (name, path) in new[]
            {
                ("first page (50)", $"api/branches/{Branch}/events"),
                ("first page, kind=command", $"api/branches/{Branch}/events?kind=command"),
                ("page from the middle", $"api/branches/{Branch}/events?before={middle}"),
            })
            {
                var (times, alloc) = await TimeAsync(http, path, 200);
                GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                GC.WaitForPendingFinalizers();
                GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                var heap = GC.GetGCMemoryInfo(GCKind.FullBlocking).HeapSizeBytes;
                times.Sort();
                Console.WriteLine($"{inStream,22} {name,-34} {times[times.Count / 2],10:F2} {times[times.Count * 95 / 100],8:F2} {times[^1],8:F2} " +
                    $"{alloc / 1024.0,9:F1} KB {heap / 1048576.0,9:F1} MB");
            }
            await surface.StopAsync(CancellationToken.None);
        }
        finally
        {
            SqliteConnectionPools.Clear();
            dir.Delete(recursive: true);
        }
    }

    private static async Task<(List<double> Times, double AllocatedPerRequest)> TimeAsync(HttpClient http, string path, int requests)
    {
        for (var i = 0; i < 20; i++) (await http.GetAsync(path)).EnsureSuccessStatusCode();   // warm-up
        var times = new List<double>(requests);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < requests; i++)
        {
            var sw = Stopwatch.StartNew();
            using var r = await http.GetAsync(path);
            await r.Content.ReadAsByteArrayAsync();
            r.EnsureSuccessStatusCode();
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        return (times, (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)requests);
    }

    /// <summary>Two branches' workload, in order, in batches; returns a position in the middle of the measured stream and its length.</summary>
    private static async Task<(long Middle, int InStream)> FillAsync(IEventStore store, int perBranch)
    {
        var work = Workload.Generate(2, perBranch * 2);
        var batch = new List<StreamAppend>();
        var i = 0;
        foreach (var e in work.Events)
        {
            batch.Add(new StreamAppend(StreamName.ForBranch(e.Branch), ExpectedVersion.Any, [EventSerializer.ToNew(e, $"e{i++}")]));
            if (batch.Count == 1000) { await store.AppendManyAsync(batch); batch.Clear(); }
        }
        if (batch.Count > 0) await store.AppendManyAsync(batch);
        var inStream = work.Events.Count(e => e.Branch == Branch);
        return ((await store.LastPositionAsync()) / 2, inStream);
    }
}

/// <summary>Releases pooled SQLite connections (so the temp folder can be deleted).</summary>
internal static class SqliteConnectionPools
{
    public static void Clear() => Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
}
