using BenchmarkDotNet.Attributes;
using TmuxAgent.Core.Projections;
using TmuxAgent.Core.Store;
using TmuxAgent.Core.Store.Sqlite;

namespace TmuxAgent.Bench;

/// <summary>
/// Rebuilding the BranchBoard from a SQLite store of 100k realistic events, as the host does at start-up
/// (target ≥ 1M events/s), and reading the rows alone. Reported times are per event. This class holds nothing
/// but the store, so the GC sees the heap a starting host has; the parts are measured in <see cref="DecodeFoldBenchmarks"/>.
/// </summary>
[MemoryDiagnoser]
public class ReadFoldBenchmarks
{
    public const int EventCount = 100_000;
    private string _dir = "";
    private SqliteEventStore _sqlite = null!;

    [GlobalSetup]
    public async Task Fill()
    {
        _dir = Directory.CreateTempSubdirectory("tmuxagent-bench-").FullName;
        _sqlite = await FillSqlite(Path.Combine(_dir, "events.db"));
    }

    /// <summary>A store holding the first <see cref="EventCount"/> events of a 40-branch workload.</summary>
    public static async Task<SqliteEventStore> FillSqlite(string path)
    {
        var store = SqliteEventStore.Open(path, new SqliteStoreOptions { Synchronous = SqliteSynchronous.Normal });
        foreach (var chunk in Workload.Generate(branchCount: 40, minEvents: EventCount).Appends(1000, EventCount).Chunk(50))
            await store.AppendManyAsync(chunk);
        var last = await store.LastPositionAsync();
        if (last != EventCount) throw new InvalidOperationException($"Expected {EventCount} events, stored {last}.");
        return store;
    }

    [GlobalCleanup]
    public void Delete()
    {
        _sqlite.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Benchmark(OperationsPerInvoke = EventCount, Description = "SQLite read all + deserialise + fold BranchBoard, per event")]
    public Task SqliteReadAndFold() => BranchBoard.LoadAsync(_sqlite);

    [Benchmark(OperationsPerInvoke = EventCount, Description = "SQLite read all rows only (pages of 8192), per event")]
    public async Task<long> SqliteReadOnly()
    {
        long position = 0, count = 0;
        while (true)
        {
            var page = await _sqlite.ReadAllAsync(position, 8192);
            if (page.Count == 0) return count;
            position = page[^1].Position;
            count += page.Count;
        }
    }
}
