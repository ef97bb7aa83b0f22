using System.Diagnostics;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using TmuxAgent.Core.Projections.Replay;
using TmuxAgent.Core.Store;
using TmuxAgent.Core.Store.Sqlite;
using TmuxAgent.Replay.Sources;

namespace TmuxAgent.Bench;

/// <summary>
/// <c>store-profile STORE.db [runs]</c>: where <c>replay --store</c>'s time goes, section by section, each a whole pass
/// over the store in this process (JIT warm after the first run): SQLite stepping alone, stepping and touching every
/// column the page reads, the pages (<see cref="EventFeed.ReadPagesAsync"/>), and pages folded into the replay
/// projection (<c>StoreRecords</c>). Wall and process CPU per pass, and events/s of CPU.
/// </summary>
public static class StoreReadProfile
{
    public static async Task RunAsync(string path, int runs)
    {
        if (Environment.GetEnvironmentVariable("BENCH_SQLITE_MULTITHREAD") == "1")
        {
            Batteries_V2.Init();
            Console.WriteLine($"sqlite3_config(MULTITHREAD): {raw.sqlite3_config(raw.SQLITE_CONFIG_MULTITHREAD)}");
        }
        for (var run = 1; run <= runs; run++)
        {
            Console.WriteLine($"run {run}");
            Time("sqlite step only", () => Step(path, touch: false));
            Time("step + column reads", () => Step(path, touch: true));
            Time("same, mmap_size 1 GiB", () => Step(path, touch: true, mmap: true));
            await TimeAsync("pages (EventFeed)", async () =>
            {
                using var store = SqliteEventStore.Open(path);
                long n = 0;
                await foreach (var page in store.ReadPagesAsync(0, 4096)) n += page.Count;
                return n;
            });
            await TimeAsync("pages + replay fold", async () =>
            {
                using var store = SqliteEventStore.Open(path);
                var projection = new ReplayProjection(new ReplayFilter());
                var records = new StoreRecords(projection);
                long n = 0;
                await foreach (var page in store.ReadPagesAsync(0, 4096)) { records.Fold(page); n += page.Count; }
                return n;
            });
        }
    }

    private static long Step(string path, bool touch, bool mmap = false)
    {
        using var c = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        c.Open();
        if (mmap) using (var m = c.CreateCommand()) { m.CommandText = "PRAGMA mmap_size = 1073741824"; m.ExecuteNonQuery(); }
        raw.sqlite3_prepare_v2(c.Handle, "SELECT position, event_id, stream, version, event_type, data, created FROM events WHERE position > ?1 ORDER BY position", out var stmt);
        using (stmt)
        {
            raw.sqlite3_bind_int64(stmt, 1, 0);
            long n = 0, sum = 0;
            while (raw.sqlite3_step(stmt) == raw.SQLITE_ROW)
            {
                n++;
                if (!touch) continue;
                sum += raw.sqlite3_column_int64(stmt, 0) + raw.sqlite3_column_blob(stmt, 1).Length + raw.sqlite3_column_blob(stmt, 2).Length
                    + raw.sqlite3_column_int64(stmt, 3) + raw.sqlite3_column_blob(stmt, 4).Length + raw.sqlite3_column_blob(stmt, 5).Length
                    + raw.sqlite3_column_blob(stmt, 6).Length;
            }
            return n + (sum & 0);
        }
    }

    private static void Time(string what, Func<long> pass) => TimeAsync(what, () => Task.FromResult(pass())).GetAwaiter().GetResult();

    private static async Task TimeAsync(string what, Func<Task<long>> pass)
    {
        GC.Collect();
        var cpu = Environment.CpuUsage.TotalTime;
        var wall = Stopwatch.StartNew();
        var n = await pass();
        wall.Stop();
        var used = Environment.CpuUsage.TotalTime - cpu;
        Console.WriteLine($"  {what,-22} {n,9} events  wall {wall.Elapsed.TotalSeconds,6:0.000} s  cpu {used.TotalSeconds,6:0.000} s  {n / used.TotalSeconds / 1e6,5:0.00} M events/s of CPU");
    }
}
