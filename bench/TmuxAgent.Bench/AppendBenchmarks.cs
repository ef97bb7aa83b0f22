using BenchmarkDotNet.Attributes;
using TmuxAgent.Core.Store;
using TmuxAgent.Core.Store.Sqlite;

namespace TmuxAgent.Bench;

/// <summary>
/// SQLite appends on a real file: batched (one AppendManyAsync of 1000 events over 10 streams per transaction;
/// target ≥ 100k events/s) and single-event commits (one transaction per event; target ≥ 10k/s), for both
/// synchronous modes. Reported times are per event.
/// </summary>
[MemoryDiagnoser]
public class AppendBenchmarks
{
    private const int BatchEvents = 1000, Streams = 10, BatchesPerOp = 10;
    private const string Payload = """{"branch":"team/feature-001","at":"2025-11-23T12:00:00+00:00","decision_id":"team/feature-001/decision-7","summary":"Cycle 7: tests pass on branch 1; next step is npm test.","commands":[{"text":"npm test -- --shard 7/8","keys":[],"enter":true,"risk_level":"low","input_mode":"shell"}]}""";
    private static readonly DateTimeOffset At = new(2025, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private string _dir = "";
    private SqliteEventStore _store = null!;
    private long _next;

    [Params(SqliteSynchronous.Normal, SqliteSynchronous.Full)]
    public SqliteSynchronous Synchronous { get; set; }

    [GlobalSetup]
    public void Open()
    {
        _dir = Directory.CreateTempSubdirectory("tmuxagent-bench-").FullName;
        _store = SqliteEventStore.Open(Path.Combine(_dir, "events.db"), new SqliteStoreOptions { Synchronous = Synchronous });
    }

    [GlobalCleanup]
    public void Delete()
    {
        _store.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private NewStreamEvent NewEvent() => new($"evt-{_next++:x}", "decision_received", Payload, At);

    [Benchmark(OperationsPerInvoke = BatchEvents * BatchesPerOp, Description = "batched append (1000 events/tx), per event")]
    public async Task BatchedAppend()
    {
        for (var batch = 0; batch < BatchesPerOp; batch++)
        {
            var appends = new StreamAppend[Streams];
            for (var s = 0; s < Streams; s++)
            {
                var events = new NewStreamEvent[BatchEvents / Streams];
                for (var i = 0; i < events.Length; i++) events[i] = NewEvent();
                appends[s] = new StreamAppend(new StreamName($"branch-s{s}"), ExpectedVersion.Any, events);
            }
            await _store.AppendManyAsync(appends);
        }
    }

    [Benchmark(Description = "single-event commit")]
    public Task SingleEventCommit() =>
        _store.AppendAsync(new StreamName("branch-single"), ExpectedVersion.Any, [NewEvent()]);
}
