using TmuxAgent.Core.Store;
using TmuxAgent.Core.Store.Sqlite;

namespace TmuxAgent.StoreProbe;

/// <summary>What the probe process does to a store.</summary>
internal static class Probe
{
    public static IEventStore Open(string store) => store.Split(':', 2) switch
    {
        ["sqlite", var path] => SqliteEventStore.Open(path, new SqliteStoreOptions { Synchronous = SqliteSynchronous.Normal, BusyTimeout = TimeSpan.FromSeconds(30) }),
        ["postgres" or "postgresql", _] => EventStores.Open(store),
        _ => throw new ArgumentException($"Unknown store '{store}' (expected sqlite:<path> or postgres://…)."),
    };

    public static async Task<int> ContendAsync(string store, string stream, int count, string tag)
    {
        var s = Open(store);
        var name = new StreamName(stream);
        var version = ExpectedVersion.Any;
        var conflicts = 0;
        for (var i = 0; i < count;)
        {
            try
            {
                var e = new NewStreamEvent($"{tag}-{i}", "probe", $$"""{"tag":"{{tag}}","i":{{i}}}""", DateTimeOffset.UtcNow);
                var r = await s.AppendAsync(name, version == ExpectedVersion.Any ? ExpectedVersion.NoStream : version, [e]);
                version = ExpectedVersion.Exactly(r.NextExpectedVersion);
                i++;
            }
            catch (WrongExpectedVersionException w)
            {
                conflicts++;
                version = w.Actual < 0 ? ExpectedVersion.Any : ExpectedVersion.Exactly(w.Actual);
            }
        }
        (s as IDisposable)?.Dispose();
        Console.WriteLine($"done {count} conflicts {conflicts}");
        return 0;
    }

    public static async Task<int> BatchesAsync(string store, int size, int streams)
    {
        var s = Open(store);
        var payload = new string('x', 200) + " 中文 🚀";
        for (var n = 0; ; n++)
        {
            var appends = Enumerable.Range(0, streams).Select(k => new StreamAppend(
                new StreamName($"batch-stream-{k}"), ExpectedVersion.Any,
                Enumerable.Range(0, size / streams)
                    .Select(i => new NewStreamEvent($"batch{n}-{k}-{i}", "probe", $$"""{"batch":{{n}},"text":"{{payload}}"}""", DateTimeOffset.UtcNow))
                    .ToList())).ToList();
            Console.WriteLine($"begin {n}");
            await s.AppendManyAsync(appends);
            Console.WriteLine($"done {n}");
        }
    }
}
