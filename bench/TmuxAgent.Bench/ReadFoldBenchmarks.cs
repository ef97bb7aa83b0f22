using BenchmarkDotNet.Attributes;
using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Projections;
using TmuxAgent.Core.Serialization;
using TmuxAgent.Core.Store;
using TmuxAgent.Core.Store.Sqlite;

namespace TmuxAgent.Bench;

/// <summary>
/// Rebuilding the BranchBoard from a store of 100k realistic events (target ≥ 1M events/s), and its parts:
/// reading rows from SQLite, JSON deserialisation, and the Evolve fold alone. Reported times are per event.
/// </summary>
[MemoryDiagnoser]
public class ReadFoldBenchmarks
{
    private const int EventCount = 100_000;
    private string _dir = "";
    private SqliteEventStore _sqlite = null!;
    private InMemoryEventStore _memory = null!;
    private List<StoredEvent> _stored = null!;
    private List<BranchEvent> _events = null!;

    [GlobalSetup]
    public async Task Fill()
    {
        var workload = Workload.Generate(branchCount: 40, minEvents: EventCount);
        _events = workload.Events.Take(EventCount).ToList();
        _dir = Directory.CreateTempSubdirectory("tmuxagent-bench-").FullName;
        _sqlite = SqliteEventStore.Open(Path.Combine(_dir, "events.db"), new SqliteStoreOptions { Synchronous = SqliteSynchronous.Normal });
        _memory = new InMemoryEventStore();
        var appends = new Workload { Branches = workload.Branches, Steps = workload.Steps, Events = _events }.Appends(1000).ToList();
        foreach (var chunk in appends.Chunk(50))
        {
            await _sqlite.AppendManyAsync(chunk);
            await _memory.AppendManyAsync(chunk);
        }
        _stored = await ReadAll(_sqlite);
        if (_stored.Count != EventCount) throw new InvalidOperationException($"Expected {EventCount} events, stored {_stored.Count}.");
    }

    [GlobalCleanup]
    public void Delete()
    {
        _sqlite.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private static async Task<List<StoredEvent>> ReadAll(IEventReader reader)
    {
        var all = new List<StoredEvent>(EventCount);
        while (true)
        {
            var page = await reader.ReadAllAsync(all.Count == 0 ? 0 : all[^1].Position, 8192);
            if (page.Count == 0) return all;
            all.AddRange(page);
        }
    }

    [Benchmark(OperationsPerInvoke = EventCount, Description = "SQLite read all + deserialise + fold BranchBoard, per event")]
    public Task<BranchBoard> SqliteReadAndFold() => BranchBoard.LoadAsync(_sqlite);

    [Benchmark(OperationsPerInvoke = EventCount, Description = "SQLite read all rows only, per event")]
    public Task<List<StoredEvent>> SqliteReadOnly() => ReadAll(_sqlite);

    [Benchmark(OperationsPerInvoke = EventCount, Description = "deserialise JSON only, per event")]
    public int DeserialiseOnly()
    {
        var n = 0;
        foreach (var e in _stored) n += EventSerializer.FromStored(e).Branch.Length;
        return n;
    }

    [Benchmark(OperationsPerInvoke = EventCount, Description = "fold BranchBoard from deserialised events, per event")]
    public BranchBoard FoldOnly()
    {
        var board = new BranchBoard();
        foreach (var e in _events) board.Apply(e);
        return board;
    }

    [Benchmark(OperationsPerInvoke = EventCount, Description = "in-memory store read all + deserialise + fold, per event")]
    public Task<BranchBoard> InMemoryReadAndFold() => BranchBoard.LoadAsync(_memory);
}
