using System.Diagnostics;
using TmuxAgent.Core.Audit;
using TmuxAgent.Core.Serialization;
using TmuxAgent.Core.Store;
using TmuxAgent.Core.Store.Sqlite;

namespace TmuxAgent.Bench;

/// <summary>
/// <c>store-gen STORE.db MIRROR.jsonl [EVENTS]</c>: a SQLite store of this project's events (the <see cref="Workload"/>
/// simulation through the real Decide: 40 branches, decisions, dispatches, receipts, approvals, phases, blockers),
/// appended 1000 events per transaction, and its audit mirror — the same events as a store and as JSONL, for
/// <c>replay --store</c> against <c>replay --log</c> and for host start-up on a big store.
/// </summary>
public static class StoreGenerator
{
    public static async Task RunAsync(string storePath, string mirrorPath, int events)
    {
        var sw = Stopwatch.StartNew();
        var workload = Workload.Generate(40, events);
        using (var store = SqliteEventStore.Open(storePath, SqliteStoreOptions.Default with { Synchronous = SqliteSynchronous.Normal }))
        {
            var n = 0;
            foreach (var batch in workload.Events.Take(events).Chunk(1000))
                await store.AppendManyAsync(batch.Select(e => new StreamAppend(StreamName.ForBranch(e.Branch), ExpectedVersion.Any,
                    [EventSerializer.ToNew(e, $"ev-{++n}")])).ToList());
            await new AuditMirror(mirrorPath, store).SyncAsync();
        }
        Console.WriteLine($"wrote {events} events to {storePath} ({new FileInfo(storePath).Length / 1e6:F1} MB) and {mirrorPath} "
            + $"({new FileInfo(mirrorPath).Length / 1e6:F1} MB) in {sw.Elapsed.TotalSeconds:F1}s");
    }
}
