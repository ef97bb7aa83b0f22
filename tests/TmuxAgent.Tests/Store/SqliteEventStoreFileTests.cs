using System.Runtime.Versioning;
using Dapper;
using Microsoft.Data.Sqlite;
using TmuxAgent.Core.Store;
using TmuxAgent.Core.Store.Sqlite;
using static TmuxAgent.Tests.Store.StoreEvents;

namespace TmuxAgent.Tests.Store;

/// <summary>What only the SQLite backend has: a file with permissions, a schema, pragmas and errors that name the file.</summary>
[TestFixture]
[Category("sqlite")]
public sealed class SqliteEventStoreFileTests
{
    private string _dir = "";

    [SetUp]
    public void CreateTempDir() => _dir = Directory.CreateTempSubdirectory("tmuxagent-sqlite-").FullName;

    [TearDown]
    public void DeleteTempDir()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private static SqliteConnection Raw(string path)
    {
        var c = new SqliteConnection($"Data Source={path};Pooling=False");
        c.Open();
        return c;
    }

    [Test]
    [Platform(Exclude = "Win")]
    [UnsupportedOSPlatform("windows")]
    public void A_new_store_is_private_to_its_owner()
    {
        var path = Path.Combine(_dir, "state", "nested", "events.db");

        using (var store = SqliteEventStore.Open(path))
        {
            store.AppendAsync(Stream("a"), ExpectedVersion.NoStream, Events("a", 1)).GetAwaiter().GetResult();
            File.GetUnixFileMode(path + "-wal").Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite, "SQLite gives the WAL the database's mode");
        }

        File.GetUnixFileMode(path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.GetUnixFileMode(Path.GetDirectoryName(path)!).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.GetUnixFileMode(Path.Combine(_dir, "state")).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    [Test]
    [Platform(Exclude = "Win")]
    [UnsupportedOSPlatform("windows")]
    public void An_existing_file_keeps_its_permissions()
    {
        var path = Path.Combine(_dir, "events.db");
        File.WriteAllBytes(path, []);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);

        using (SqliteEventStore.Open(path)) { }

        File.GetUnixFileMode(path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
    }

    [Test]
    public void A_new_store_runs_in_WAL_with_the_current_schema_version()
    {
        var path = Path.Combine(_dir, "events.db");

        using var store = SqliteEventStore.Open(path);

        store.SchemaVersion.Should().Be(1);
        store.Path.Should().Be(path);
        using var c = Raw(path);
        c.ExecuteScalar<string>("PRAGMA journal_mode").Should().Be("wal");
        c.Query<string>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .Should().Contain(["events", "schema_version", "streams"]);
    }

    [Test]
    public async Task Reopening_applies_no_migration_twice_and_keeps_the_events()
    {
        var path = Path.Combine(_dir, "events.db");
        using (var first = SqliteEventStore.Open(path))
            await first.AppendAsync(Stream("a"), ExpectedVersion.NoStream, Events("a", 3));

        using var again = SqliteEventStore.Open(path);

        again.SchemaVersion.Should().Be(1);
        (await again.ReadStreamAsync(Stream("a"))).Should().HaveCount(3);
        using var c = Raw(path);
        c.ExecuteScalar<int>("SELECT COUNT(*) FROM schema_version").Should().Be(1);
    }

    [Test]
    public void A_file_from_a_newer_schema_is_refused_with_its_path()
    {
        var path = Path.Combine(_dir, "events.db");
        using (SqliteEventStore.Open(path)) { }
        using (var c = Raw(path))
            c.Execute("INSERT INTO schema_version (version, description, applied_at) VALUES (99, 'future', '2030-01-01')");

        var open = () => SqliteEventStore.Open(path);

        open.Should().Throw<SqliteStoreException>().WithMessage($"{path}: schema version 99 was written by a newer TmuxAgent*")
            .Which.Path.Should().Be(path);
    }

    [Test]
    public void A_file_that_is_not_a_database_is_refused_with_its_path()
    {
        var path = Path.Combine(_dir, "events.db");
        File.WriteAllText(path, string.Concat(Enumerable.Repeat("this is a text file, not an event store\n", 200)));

        var open = () => SqliteEventStore.Open(path);

        var error = open.Should().Throw<SqliteStoreException>().Which;
        error.Message.Should().StartWith(path + ": ").And.Contain("corrupt or not a database");
        error.SqliteErrorCode.Should().Be(26);
    }

    [Test]
    public async Task A_store_whose_pages_are_overwritten_reports_corruption_with_its_path()
    {
        var path = Path.Combine(_dir, "events.db");
        using (var store = SqliteEventStore.Open(path))
        {
            for (var i = 0; i < 20; i++)
                await store.AppendAsync(Stream($"s{i}"), ExpectedVersion.NoStream, Events($"s{i}", 50));
        }
        SqliteConnection.ClearAllPools();
        using (var c = Raw(path)) c.Execute("PRAGMA wal_checkpoint(TRUNCATE)");
        using (var f = new FileStream(path, FileMode.Open, FileAccess.Write))
        {
            f.Position = 4096 * 2;
            f.Write(Enumerable.Repeat((byte)0xA5, 4096 * 6).ToArray());
        }

        var use = async () =>
        {
            using var store = SqliteEventStore.Open(path);
            await store.ReadEverything();
        };

        (await use.Should().ThrowAsync<SqliteStoreException>()).Which.Message.Should().StartWith(path + ": ").And.Contain("corrupt");
    }

    [Test]
    public async Task A_writer_that_stays_locked_out_fails_with_the_path_and_writes_nothing()
    {
        var path = Path.Combine(_dir, "events.db");
        using var store = SqliteEventStore.Open(path, new SqliteStoreOptions { BusyTimeout = TimeSpan.FromMilliseconds(200) });
        using var other = Raw(path);
        using var lockHolder = other.BeginTransaction(deferred: false);

        var append = () => store.AppendAsync(Stream("a"), ExpectedVersion.NoStream, Events("a", 1));

        var error = (await append.Should().ThrowAsync<SqliteStoreException>()).Which;
        error.Message.Should().StartWith(path + ": ").And.Contain("locked by another writer");
        error.SqliteErrorCode.Should().Be(5);
        lockHolder.Rollback();
        (await store.LastPositionAsync()).Should().Be(0);
        (await store.AppendAsync(Stream("a"), ExpectedVersion.NoStream, Events("a", 1))).LastPosition.Should().Be(1);
    }

    [Test]
    public void Opening_while_another_holds_the_write_lock_fails_with_the_path()
    {
        var path = Path.Combine(_dir, "events.db");
        using (SqliteEventStore.Open(path)) { }
        using var c = Raw(path);
        using var lockHolder = c.BeginTransaction(deferred: false);

        var open = () => SqliteEventStore.Open(path, new SqliteStoreOptions { BusyTimeout = TimeSpan.FromMilliseconds(100) });

        open.Should().Throw<SqliteStoreException>().WithMessage($"{path}: the event store is locked*");
    }

    [Test]
    public void A_directory_that_cannot_be_created_is_reported_with_the_path()
    {
        var blocker = Path.Combine(_dir, "file");
        File.WriteAllText(blocker, "");
        var path = Path.Combine(blocker, "sub", "events.db");

        var open = () => SqliteEventStore.Open(path);

        open.Should().Throw<SqliteStoreException>().Which.Path.Should().Be(path);
    }

    [TestCase(SqliteSynchronous.Full, 2)]
    [TestCase(SqliteSynchronous.Normal, 1)]
    public async Task The_synchronous_mode_is_set_on_the_writer(SqliteSynchronous mode, int pragmaValue)
    {
        var path = Path.Combine(_dir, "events.db");
        using var store = SqliteEventStore.Open(path, new SqliteStoreOptions { Synchronous = mode });

        await store.AppendAsync(Stream("a"), ExpectedVersion.NoStream, Events("a", 1));

        store.WriterSynchronous.Should().Be(pragmaValue);
    }
}
