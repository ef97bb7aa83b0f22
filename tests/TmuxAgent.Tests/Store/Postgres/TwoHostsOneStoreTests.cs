using TmuxAgent.Core.Store;
using TmuxAgent.Core.Store.Leases;
using TmuxAgent.Core.Store.Postgres;
using TmuxAgent.Tests.Support;
using static TmuxAgent.Tests.Store.StoreEvents;

namespace TmuxAgent.Tests.Store.Postgres;

/// <summary>
/// The two guards of docs/scale-out.md, with two hosts (each its own connection pools) on one PostgreSQL store:
/// the branch lease decides who acts, optimistic concurrency on the branch stream stops a host that lost its lease
/// without knowing (paused, clock behind) from recording anything on top of the new holder's work.
/// </summary>
[TestFixture]
[Category("postgres")]
public sealed class TwoHostsOneStoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(15);
    private static readonly StreamName Branch = StreamName.ForBranch("feature/login");
    private Npgsql.NpgsqlConnectionStringBuilder _schema = null!;
    private readonly List<IDisposable> _open = [];

    [SetUp]
    public void CreateSchema() => _schema = PostgresFixture.Server.CreateSchema("hosts");

    [TearDown]
    public void DropSchema()
    {
        foreach (var d in _open) d.Dispose();
        _open.Clear();
        PostgresFixture.Server.DropSchema(_schema);
    }

    private (IEventStore Store, IBranchLeases Leases) Host()
    {
        var url = PostgresServer.Url(_schema);
        var store = EventStores.Open(url);
        var leases = EventStores.OpenLeases(url);
        _open.Add((IDisposable)store);
        _open.Add((IDisposable)leases);
        return (store, leases);
    }

    [Test]
    public async Task A_host_that_lost_its_lease_while_paused_cannot_append_over_the_new_holder()
    {
        var (storeA, leasesA) = Host();
        var (storeB, leasesB) = Host();

        // Host A takes the branch and records a decision.
        var leaseA = await leasesA.TryAcquireAsync("feature/login", "host-a", Ttl, T0);
        var a = await storeA.AppendAsync(Branch, ExpectedVersion.NoStream, Events("a-decision", 1));
        (await leasesB.TryAcquireAsync("feature/login", "host-b", Ttl, T0 + TimeSpan.FromSeconds(5))).Should().BeNull("host A holds the branch");

        // Host A stalls past its lease; host B takes over, reloads the branch and records its own decision.
        var leaseB = await leasesB.TryAcquireAsync("feature/login", "host-b", Ttl, T0 + Ttl + TimeSpan.FromSeconds(1));
        leaseB!.FencingToken.Should().BeGreaterThan(leaseA!.FencingToken);
        var loadedByB = await storeB.ReadStreamAsync(Branch);
        await storeB.AppendAsync(Branch, ExpectedVersion.AfterCount(loadedByB.Count), Events("b-decision", 1));

        // Host A wakes up: its renewal fails, and an append decided on its stale state is refused.
        (await leasesA.RenewAsync(leaseA, Ttl, T0 + Ttl + TimeSpan.FromSeconds(2))).Should().BeNull();
        await FluentActions.Awaiting(() => storeA.AppendAsync(Branch, ExpectedVersion.Exactly(a.NextExpectedVersion), Events("a-stale", 1)))
            .Should().ThrowAsync<WrongExpectedVersionException>();

        (await storeB.ReadStreamAsync(Branch)).Select(e => e.EventId).Should().Equal("a-decision-0", "b-decision-0");
    }

    [Test]
    public async Task Two_hosts_deciding_from_the_same_version_record_only_one_decision()
    {
        var (storeA, _) = Host();
        var (storeB, _) = Host();
        await storeA.AppendAsync(Branch, ExpectedVersion.NoStream, Events("planned", 1));

        var attempts = await Task.WhenAll(new[] { (storeA, "a"), (storeB, "b") }.Select(h => Task.Run(async () =>
        {
            try
            {
                await h.Item1.AppendAsync(Branch, ExpectedVersion.Exactly(0), Events($"dispatch-{h.Item2}", 1));
                return true;
            }
            catch (WrongExpectedVersionException)
            {
                return false;
            }
        })));

        attempts.Count(won => won).Should().Be(1, "the loser must not send the command");
        (await storeA.ReadStreamAsync(Branch)).Should().HaveCount(2);
    }
}
