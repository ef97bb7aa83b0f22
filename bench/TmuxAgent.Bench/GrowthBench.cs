using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using TmuxAgent.Config;
using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Store.Sqlite;
using TmuxAgent.Host;
using TmuxAgent.Host.Config;
using TmuxAgent.Host.Decisions;
using TmuxAgent.Host.Observers;
using TmuxAgent.Host.Tmux;

namespace TmuxAgent.Bench;

/// <summary>
/// <c>growth STORE.db BRANCHES CYCLES [model|plan] [POLL]</c>: how many bytes an idle branch adds to the store (and to the
/// audit mirror) per day. The real loop over a real SQLite file, an in-memory tmux with idle panes, a clock that moves
/// <c>POLL</c> seconds (default 45) per cycle. <c>model</c>: a stand-in for the model command that always answers
/// "nothing to do" with a summary, 3.2 s latency; <c>plan</c>: <c>decision_source = "plan"</c>, two one-command phases.
/// Growth is measured from cycle 10 to the end (after a clean stop), scaled to a day.
/// </summary>
public static class GrowthBench
{
    public static async Task RunAsync(string storePath, int branches, int cycles, string decider, double poll)
    {
        var dir = Directory.CreateTempSubdirectory("ta-growth-").FullName;
        var toml = new StringBuilder($"poll_interval = {poll.ToString(CultureInfo.InvariantCulture)}\n");
        if (decider == "plan") toml.Append("decision_source = \"plan\"\n");
        for (var i = 1; i <= branches; i++)
        {
            toml.Append($"[[tasks]]\nbranch = \"idle/b{i}\"\nphases = [\"build\", \"test\", \"done\"]\n");
            if (decider == "plan") toml.Append($"[tasks.plan]\nbuild = [\"echo build {i}\"]\ntest = [\"echo test {i}\"]\n");
        }
        var config = OrchestratorConfigLoader.Parse(toml.ToString(), "orchestrator.toml", Path.Combine(dir, "orchestrator.toml")).Config;
        var agent = new AgentConfig { BusDir = Path.Combine(dir, "bus"), Hosts = [new HostConfig("local", null, new TmuxHostConfig { Socket = "bench" })] };
        var tmux = new InMemoryTmux(config.Tasks.Select(t => t.SessionName));
        var mirror = Path.Combine(dir, "orchestrator-actions.jsonl");
        var settings = new LoopSettings(config, agent, DryRun: true, mirror, Path.Combine(dir, "offsets.json"),
            decider == "plan" ? null : new IdleModel()) { TmuxClientFor = h => new TmuxClient("tmux", h.Tmux.Socket) { Transport = tmux } };
        var clock = new SteppedClock(DateTimeOffset.Parse("2026-12-01T00:00:00Z", CultureInfo.InvariantCulture));
        foreach (var f in new[] { storePath, storePath + "-wal", storePath + "-shm" }) File.Delete(f);
        using (var store = SqliteEventStore.Open(storePath))
        {
            var loop = new OrchestratorLoop(settings, store, [], new ApprovalInbox(), NullLogger.Instance, clock);
            await loop.LoadAsync();
            var at10 = default(Sample);
            for (var c = 1; c <= cycles; c++)
            {
                await loop.RunCycleAsync(CancellationToken.None);
                clock.Advance(poll);
                if (c == 10) at10 = Measure(storePath, mirror);
            }
            await loop.StopAsync();
            var end = Measure(storePath, mirror);
            var perDay = 86_400.0 / ((cycles - 10) * poll) / branches;
            Console.WriteLine($"decider {decider}, {branches} branches, {cycles} cycles of {poll} s ({cycles * poll / 3600:0.#} h simulated)");
            Console.WriteLine($"  events   {end.Rows,9} total; per branch per day {(end.Rows - at10.Rows) * perDay,10:0.0}");
            Console.WriteLine($"  row bytes{end.RowBytes,9} total; per branch per day {(end.RowBytes - at10.RowBytes) * perDay,10:0} (event_id, stream, type, data, created)");
            Console.WriteLine($"  file     {end.FileBytes,9} total; per branch per day {(end.FileBytes - at10.FileBytes) * perDay,10:0} (database after a WAL checkpoint: rows, indexes, pages)");
            Console.WriteLine($"  mirror   {end.MirrorBytes,9} total; per branch per day {(end.MirrorBytes - at10.MirrorBytes) * perDay,10:0} (JSONL audit log)");
        }
        Directory.Delete(dir, recursive: true);
    }

    private readonly record struct Sample(long Rows, long RowBytes, long FileBytes, long MirrorBytes);

    private static Sample Measure(string storePath, string mirror)
    {
        using var c = new SqliteConnection($"Data Source={storePath};Pooling=False");
        c.Open();
        using (var cp = c.CreateCommand()) { cp.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)"; cp.ExecuteNonQuery(); }
        using var q = c.CreateCommand();
        q.CommandText = "SELECT count(*), coalesce(sum(length(CAST(event_id AS BLOB)) + length(CAST(stream AS BLOB)) + length(CAST(event_type AS BLOB)) + length(CAST(data AS BLOB)) + length(CAST(created AS BLOB))), 0) FROM events";
        using var r = q.ExecuteReader();
        r.Read();
        var pages = new SqliteCommand("PRAGMA page_count", c).ExecuteScalar();
        var size = new SqliteCommand("PRAGMA page_size", c).ExecuteScalar();
        return new Sample(r.GetInt64(0), r.GetInt64(1), Convert.ToInt64(pages, CultureInfo.InvariantCulture) * Convert.ToInt64(size, CultureInfo.InvariantCulture),
            File.Exists(mirror) ? new FileInfo(mirror).Length : 0);
    }

    /// <summary>What an idle agent's model answers: nothing to do, with a one-sentence summary.</summary>
    private sealed class IdleModel : IDecisionSource
    {
        public Task<DecisionOutcome> DecideAsync(DecisionContext context, CancellationToken ct) =>
            Task.FromResult<DecisionOutcome>(new DecisionAnswered(
                new Decision("The agent is idle at its prompt and the last test run passed; nothing to do until new work arrives.", []),
                TimeSpan.FromSeconds(3.2)));
    }

    private sealed class SteppedClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;
        public override DateTimeOffset GetUtcNow() => _now;
        public void Advance(double seconds) => _now = _now.AddSeconds(seconds);
    }
}
