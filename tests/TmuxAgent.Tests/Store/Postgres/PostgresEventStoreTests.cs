using Dapper;
using Npgsql;
using TmuxAgent.Core.Store;
using TmuxAgent.Core.Store.Postgres;
using TmuxAgent.Tests.Support;
using static TmuxAgent.Tests.Store.StoreEvents;

namespace TmuxAgent.Tests.Store.Postgres;

/// <summary>What the PostgreSQL store adds to the shared contract: migrations, exact text, gap-free positions for tailing readers, clear errors.</summary>
[TestFixture]
[Category("postgres")]
public sealed class PostgresEventStoreTests
{
    private NpgsqlConnectionStringBuilder _schema = null!;

    [SetUp]
    public void CreateSchema() => _schema = PostgresFixture.Server.CreateSchema("store");

    [TearDown]
    public void DropSchema() => PostgresFixture.Server.DropSchema(_schema);

    private NpgsqlConnection Connect()
    {
        var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_schema.ConnectionString) { Pooling = false }.ConnectionString);
        c.Open();
        return c;
    }

    [Test]
    public async Task Hosts_starting_at_once_on_an_empty_database_migrate_it_once()
    {
        var opened = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => PostgresEventStore.Open(_schema.ConnectionString))));

        using var c = Connect();
        c.Query<int>("SELECT version FROM schema_version ORDER BY version").Should().Equal(1, 2, 3, 4);
        opened.Should().AllSatisfy(s => s.SchemaVersion.Should().Be(4));
        foreach (var s in opened) s.Dispose();
    }

    [Test]
    public async Task Reopening_keeps_the_events_and_runs_no_migration_again()
    {
        using (var first = PostgresEventStore.Open(_schema.ConnectionString))
            await first.AppendAsync(Stream("s"), ExpectedVersion.NoStream, Events("e", 3));

        using var again = PostgresEventStore.Open(PostgresServer.Url(_schema));

        (await again.ReadStreamAsync(Stream("s"))).Should().HaveCount(3);
        using var c = Connect();
        c.ExecuteScalar<long>("SELECT COUNT(*) FROM schema_version").Should().Be(4);
    }

    [Test]
    public void A_schema_written_by_a_newer_version_is_refused()
    {
        PostgresEventStore.Open(_schema.ConnectionString).Dispose();
        using (var c = Connect()) c.Execute("INSERT INTO schema_version (version, description) VALUES (99, 'future')");

        FluentActions.Invoking(() => PostgresEventStore.Open(_schema.ConnectionString))
            .Should().Throw<PostgresStoreException>().WithMessage("*schema version 99 was written by a newer TmuxAgent*");
    }

    [Test]
    public void A_search_path_without_an_existing_schema_is_named()
    {
        var missing = new NpgsqlConnectionStringBuilder(_schema.ConnectionString) { SearchPath = "no_such_schema" };

        FluentActions.Invoking(() => PostgresEventStore.Open(missing.ConnectionString))
            .Should().Throw<PostgresStoreException>().WithMessage("*search_path names no existing schema*");
    }

    [Test]
    public void An_unreachable_server_is_named_without_the_password()
    {
        var port = PortWithoutServer();

        var thrown = FluentActions.Invoking(() => PostgresEventStore.Open($"postgres://agent:s3cret@127.0.0.1:{port}/events?connect_timeout=5"))
            .Should().Throw<PostgresStoreException>().Which;

        thrown.Message.Should().StartWith($"postgres://agent@127.0.0.1:{port}/events: cannot connect").And.NotContain("s3cret");
    }

    [Test]
    public async Task Data_comes_back_exactly_as_given_non_ascii_key_order_and_whitespace_included()
    {
        using var store = PostgresEventStore.Open(_schema.ConnectionString);
        const string data = "{\"z\": 1,  \"a\": \"修复 bug 🐛 — é ñ\\u00e9 \\\"q\\\"\",\n \"n\": 1.50}";
        var created = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(-7)).AddTicks(1234567);

        await store.AppendAsync(Stream("branch-功能/ü"), ExpectedVersion.NoStream, [new NewStreamEvent("id-ü-🚀", "type_é", data, created)]);
        var read = (await store.ReadAllAsync()).Single();

        (read.Data, read.EventId, read.EventType, read.Stream.Value).Should().Be((data, "id-ü-🚀", "type_é", "branch-功能/ü"));
        read.Created.Should().Be(created);
        read.Created.Offset.Should().Be(TimeSpan.FromHours(-7));
    }

    [Test]
    [Category("processes")]
    public async Task A_reader_tailing_during_concurrent_appends_never_skips_a_position()
    {
        const int writers = 4, appendsEach = 150;
        var handles = Enumerable.Range(0, writers).Select(_ => PostgresEventStore.Open(_schema.ConnectionString)).ToList();
        using var reader = PostgresEventStore.Open(_schema.ConnectionString);
        var writing = Task.WhenAll(handles.Select((h, w) => Task.Run(async () =>
        {
            for (var i = 0; i < appendsEach; i++)
                await h.AppendAsync(Stream($"w{w}"), ExpectedVersion.Any, Events($"w{w}-{i}", 1 + i % 3));
        })));

        var seen = new List<long>();
        var gaps = new List<string>();
        long checkpoint = 0;
        while (true)
        {
            var done = writing.IsCompleted;
            var page = await reader.ReadAllAsync(checkpoint, 64);
            foreach (var e in page)
            {
                if (e.Position != checkpoint + 1) gaps.Add($"after {checkpoint} came {e.Position}");
                checkpoint = e.Position;
                seen.Add(e.Position);
            }
            if (done && page.Count == 0) break;
        }
        await writing;

        gaps.Should().BeEmpty("a tailing reader must see positions 1, 2, 3, … in order");
        var total = Enumerable.Range(0, appendsEach).Sum(i => 1 + i % 3) * writers;
        seen.Should().Equal(Enumerable.Range(1, total).Select(i => (long)i));
        foreach (var h in handles) h.Dispose();
    }

    [Test]
    public async Task EventStores_open_opens_postgres_from_either_form()
    {
        using (var byUrl = (PostgresEventStore)EventStores.Open(PostgresServer.Url(_schema)))
            await byUrl.AppendAsync(Stream("s"), ExpectedVersion.NoStream, Events("e", 1));

        using var byKeys = (PostgresEventStore)EventStores.Open(_schema.ConnectionString);

        (await byKeys.LastPositionAsync()).Should().Be(1);
        (EventStores.OpenLeases(_schema.ConnectionString) as IDisposable)!.Dispose();
    }

    private static int PortWithoutServer()
    {
        var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        var port = ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }
}
