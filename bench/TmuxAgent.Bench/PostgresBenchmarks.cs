using BenchmarkDotNet.Attributes;
using TmuxAgent.Core.Store;
using TmuxAgent.Core.Store.Postgres;
using TmuxAgent.Tests.Support;

namespace TmuxAgent.Bench;

/// <summary>
/// The PostgreSQL store on a real server: <c>TMUXAGENT_PG</c> when set, else a private durable cluster (fsync on,
/// synchronous_commit on) started on loopback by the tests' <see cref="PostgresServer"/>. Same workloads as the
/// SQLite benchmarks: batched appends (1000 events over 10 streams per transaction), single-event commits,
/// single-event commits from 4 concurrent writers (hosts) on 4 streams, and reading all events in pages of 4096.
/// Reported times are per event, with <c>synchronous_commit</c> on (a commit waits for its WAL fsync) and off (it
/// does not: a server crash may lose the last few hundred ms of commits, never corrupts or splits a batch). Run: <c>dotnet run -c Release -- --filter '*Postgres*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class PostgresBenchmarks
{
    private const int BatchEvents = 1000, Streams = 10, BatchesPerOp = 10, ReadEvents = 100_000, Writers = 4, PerWriter = 50;
    private const string Payload = """{"branch":"team/feature-001","at":"2025-11-23T12:00:00+00:00","decision_id":"team/feature-001/decision-7","summary":"Cycle 7: tests pass on branch 1; next step is npm test.","commands":[{"text":"npm test -- --shard 7/8","keys":[],"enter":true,"risk_level":"low","input_mode":"shell"}]}""";
    private static readonly DateTimeOffset At = new(2025, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private PostgresServer _server = null!;
    private Npgsql.NpgsqlConnectionStringBuilder _schema = null!;
    private PostgresEventStore _store = null!;
    private PostgresEventStore _reader = null!;
    private long _next;

    /// <summary>PostgreSQL's <c>synchronous_commit</c> for the writing connections (set per connection via the connection string's <c>Options</c>).</summary>
    [Params("on", "off")]
    public string SynchronousCommit { get; set; } = "on";

    [GlobalSetup]
    public void Open()
    {
        _server = PostgresServer.Start(durable: true);
        _schema = _server.CreateSchema("bench");
        _schema.Options = $"-c synchronous_commit={SynchronousCommit}";
        _store = PostgresEventStore.Open(_schema.ConnectionString);
        var readSchema = _server.CreateSchema("benchread");
        _reader = PostgresEventStore.Open(readSchema.ConnectionString);
        for (var i = 0; i < ReadEvents / BatchEvents; i++) _reader.AppendManyAsync(Batch()).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Delete()
    {
        _store.Dispose();
        _reader.Dispose();
        _server.Dispose();
    }

    private NewStreamEvent NewEvent() => new($"evt-{Interlocked.Increment(ref _next):x}", "decision_received", Payload, At);

    private StreamAppend[] Batch()
    {
        var appends = new StreamAppend[Streams];
        for (var s = 0; s < Streams; s++)
        {
            var events = new NewStreamEvent[BatchEvents / Streams];
            for (var i = 0; i < events.Length; i++) events[i] = NewEvent();
            appends[s] = new StreamAppend(new StreamName($"branch-s{s}"), ExpectedVersion.Any, events);
        }
        return appends;
    }

    [Benchmark(OperationsPerInvoke = BatchEvents * BatchesPerOp, Description = "PostgreSQL batched append (1000 events/tx), per event")]
    public async Task BatchedAppend()
    {
        for (var batch = 0; batch < BatchesPerOp; batch++) await _store.AppendManyAsync(Batch());
    }

    [Benchmark(Description = "PostgreSQL single-event commit")]
    public Task<AppendResult> SingleEventCommit() =>
        _store.AppendAsync(new StreamName("branch-single"), ExpectedVersion.Any, [NewEvent()]);

    [Benchmark(OperationsPerInvoke = Writers * PerWriter, Description = "PostgreSQL single-event commits, 4 concurrent writers, per event")]
    public Task ConcurrentSingleEventCommits() => Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
    {
        for (var i = 0; i < PerWriter; i++)
            await _store.AppendAsync(new StreamName($"branch-w{w}"), ExpectedVersion.Any, [NewEvent()]);
    })));

    [Benchmark(OperationsPerInvoke = ReadEvents, Description = "PostgreSQL read all (pages of 4096), per event")]
    public async Task<long> ReadAll()
    {
        long after = 0;
        while (true)
        {
            var page = await _reader.ReadAllAsync(after, 4096);
            if (page.Count == 0) return after;
            after = page[^1].Position;
        }
    }
}
