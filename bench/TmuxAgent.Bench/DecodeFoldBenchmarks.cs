using BenchmarkDotNet.Attributes;
using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Projections;
using TmuxAgent.Core.Serialization;
using TmuxAgent.Core.Store;

namespace TmuxAgent.Bench;

/// <summary>The parts of a BranchBoard rebuild without SQLite: JSON deserialisation alone, the Evolve fold alone, and
/// the whole rebuild from the in-memory store. Reported times are per event.</summary>
[MemoryDiagnoser]
public class DecodeFoldBenchmarks
{
    private const int EventCount = ReadFoldBenchmarks.EventCount;
    private InMemoryEventStore _memory = null!;
    private List<StoredEvent> _stored = null!;
    private List<BranchEvent> _events = null!;

    [GlobalSetup]
    public async Task Fill()
    {
        var workload = Workload.Generate(branchCount: 40, minEvents: EventCount);
        _events = workload.Events.Take(EventCount).ToList();
        _memory = new InMemoryEventStore();
        foreach (var chunk in workload.Appends(1000, EventCount).Chunk(50)) await _memory.AppendManyAsync(chunk);
        _stored = (await _memory.ReadAllAsync(0, int.MaxValue)).ToList();
    }

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
    public Task InMemoryReadAndFold() => BranchBoard.LoadAsync(_memory);
}
