using TmuxAgent.Core.Store;
using TmuxAgent.Tests.Support;

namespace TmuxAgent.Tests.Store.Postgres;

/// <summary>
/// Two real host-like processes (TmuxAgent.StoreProbe <c>hold</c>) on one store and one branch: only the lease holder
/// appends; when it is killed (-9, no release) the other takes over after the lease runs out, with a larger
/// fencing token, and continues the branch's stream without a gap or a conflict.
/// </summary>
[TestFixture]
[Category("processes")]
public sealed class LeaseTakeoverProcessTests
{
    private const string Ttl = "1500";

    [Test]
    [Category("postgres")]
    public async Task On_postgres_a_killed_holder_is_taken_over_by_the_other_process()
    {
        var schema = PostgresFixture.Server.CreateSchema("takeover");
        try
        {
            await KilledHolderIsTakenOver(PostgresServer.Url(schema));
        }
        finally
        {
            PostgresFixture.Server.DropSchema(schema);
        }
    }

    [Test]
    [Category("sqlite")]
    public async Task On_sqlite_a_killed_holder_is_taken_over_by_the_other_process()
    {
        var dir = Directory.CreateTempSubdirectory("tmuxagent-takeover-").FullName;
        try
        {
            await KilledHolderIsTakenOver("sqlite:" + Path.Combine(dir, "events.db"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task KilledHolderIsTakenOver(string store)
    {
        using (var warmup = StoreProbe.Start("hold", store, "warmup", "nobody", Ttl, "1"))   // creates the schema before the race
            (await warmup.WaitForExitAsync()).Should().Be(0, warmup.Output);
        using var a = StoreProbe.Start("hold", store, "feature/x", "host-a", Ttl, "1000000");
        await a.WaitForLineAsync("holding 1");
        using var b = StoreProbe.Start("hold", store, "feature/x", "host-b", Ttl, "5");
        await b.WaitForLineAsync("waiting");

        a.Kill();
        await b.WaitForLineAsync("holding 2");
        (await b.WaitForExitAsync()).Should().Be(0, b.Output);

        var reader = EventStores.Open(store);
        var stream = await reader.ReadStreamAsync(StreamName.ForBranch("feature/x"));
        stream.Select(e => e.Version).Should().Equal(Enumerable.Range(0, stream.Count).Select(i => (long)i));
        var owners = stream.Select(e => e.EventId.StartsWith("host-a-1-") ? "a" : e.EventId.StartsWith("host-b-2-") ? "b" : e.EventId).ToList();
        owners.Should().StartWith("a").And.EndWith("b").And.OnlyContain(o => o == "a" || o == "b", "every event was appended under a lease: A with token 1, B with token 2");
        owners.SkipWhile(o => o == "a").Should().OnlyContain(o => o == "b", "once B took over, A appended nothing").And.HaveCount(5);
        b.Output.Should().NotContain("conflict", "B reloaded the branch when it took the lease");
        (reader as IDisposable)?.Dispose();
    }
}
