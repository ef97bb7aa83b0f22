using System.Runtime.Versioning;
using Dapper;
using Microsoft.Data.Sqlite;
using TmuxAgent.Core.Store;
using TmuxAgent.Core.Store.Sqlite;
using static TmuxAgent.Tests.Store.StoreEvents;

namespace TmuxAgent.Tests.Store;

/// <summary>What only the SQLite backend has: a private file, WAL, a schema version, pragmas, several processes creating it.</summary>
[TestFixture]
[Category("sqlite")]
public sealed class SqliteEventStoreFileTests : SqliteFileFixture
{
    [Test]
    [Platform(Exclude = "Win")]
    [UnsupportedOSPlatform("windows")]
    public void A_new_store_is_private_to_its_owner()
    {
        var path = Path.Combine(Dir, "state", "nested", "events.db");

        using (var store = SqliteEventStore.Open(path))
        {
            store.AppendAsync(Stream("a"), ExpectedVersion.NoStream, Events("a", 1)).GetAwaiter().GetResult();
            File.GetUnixFileMode(path + "-wal").Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite, "SQLite gives the WAL the database's mode");
        }

        File.GetUnixFileMode(path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.GetUnixFileMode(Path.GetDirectoryName(path)!).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.GetUnixFileMode(Path.Combine(Dir, "state")).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    [Test]
    [Platform(Exclude = "Win")]
    [UnsupportedOSPlatform("windows")]
    public void An_existing_file_keeps_its_permissions()
    {
        var path = Path.Combine(Dir, "events.db");
        File.WriteAllBytes(path, []);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);

        using (SqliteEventStore.Open(path)) { }

        File.GetUnixFileMode(path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
    }

    [Test]
    public void A_new_store_runs_in_WAL_with_the_current_schema_version()
    {
        var path = Path.Combine(Dir, "events.db");

        using var store = SqliteEventStore.Open(path);

        store.SchemaVersion.Should().Be(3);
        store.Path.Should().Be(path);
        using var c = Raw(path);
        c.ExecuteScalar<string>("PRAGMA journal_mode").Should().Be("wal");
        c.Query<string>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .Should().Contain(["events", "schema_version", "snapshots", "streams"]);
    }

    [Test]
    public async Task A_store_of_schema_version_1_gets_the_stream_position_index_and_reads_backwards()
    {
        var path = Path.Combine(Dir, "events.db");
        using (var first = SqliteEventStore.Open(path))
            await first.AppendAsync(Stream("branch-a"), ExpectedVersion.NoStream, Events("a", 3));
        using (var c = Raw(path))   // as an older version left it
        {
            c.Execute("DROP INDEX events_stream_position");
            c.Execute("DROP TABLE snapshots");
            c.Execute("DELETE FROM schema_version WHERE version >= 2");
        }

        using var again = SqliteEventStore.Open(path);

        again.SchemaVersion.Should().Be(3);
        using (var c = Raw(path))
        {
            using var plan = c.CreateCommand();
            plan.CommandText = "EXPLAIN QUERY PLAN SELECT * FROM events WHERE stream = 'branch-a' AND position < 9 ORDER BY position DESC LIMIT 2";
            using var rows = plan.ExecuteReader();
            var details = new List<string>();
            while (rows.Read()) details.Add(rows.GetString(3));
            details.Should().ContainSingle(d => d.Contains("events_stream_position")).And.NotContain(d => d.Contains("TEMP B-TREE"), "no sort: the index gives the order");
        }
        (await again.ReadStreamBackwardAsync(Stream("branch-a"), null, 2)).Select(e => e.EventId).Should().Equal("a-2", "a-1");
    }

    [Test]
    public async Task Reopening_applies_no_migration_twice_and_keeps_the_events()
    {
        var path = Path.Combine(Dir, "events.db");
        using (var first = SqliteEventStore.Open(path))
            await first.AppendAsync(Stream("a"), ExpectedVersion.NoStream, Events("a", 3));

        using var again = SqliteEventStore.Open(path);

        again.SchemaVersion.Should().Be(3);
        (await again.ReadStreamAsync(Stream("a"))).Should().HaveCount(3);
        using var c = Raw(path);
        c.ExecuteScalar<int>("SELECT COUNT(*) FROM schema_version").Should().Be(3);
    }

    [Test]
    [Category("processes")]
    public async Task Two_processes_creating_the_same_new_file_at_once_both_succeed()
    {
        var path = Path.Combine(Dir, "fresh", "events.db");

        using var a = StoreProbe.Start("contend", "sqlite:" + path, "shared", "50", "p0");
        using var b = StoreProbe.Start("contend", "sqlite:" + path, "shared", "50", "p1");

        (await a.WaitForExitAsync()).Should().Be(0, a.Output);
        (await b.WaitForExitAsync()).Should().Be(0, b.Output);
        using var store = SqliteEventStore.Open(path);
        store.SchemaVersion.Should().Be(3);
        (await store.ReadStreamAsync(Stream("shared"))).Should().HaveCount(100);
        using var c = Raw(path);
        c.ExecuteScalar<int>("SELECT COUNT(*) FROM schema_version").Should().Be(3);
    }

    [TestCase(SqliteSynchronous.Full, 2)]
    [TestCase(SqliteSynchronous.Normal, 1)]
    public async Task The_synchronous_mode_is_set_on_the_writer(SqliteSynchronous mode, int pragmaValue)
    {
        var path = Path.Combine(Dir, "events.db");
        using var store = SqliteEventStore.Open(path, new SqliteStoreOptions { Synchronous = mode });

        await store.AppendAsync(Stream("a"), ExpectedVersion.NoStream, Events("a", 1));

        store.WriterSynchronous.Should().Be(pragmaValue);
    }
}
