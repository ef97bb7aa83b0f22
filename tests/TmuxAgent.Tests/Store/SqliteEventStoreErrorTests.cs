using Dapper;
using Microsoft.Data.Sqlite;
using TmuxAgent.Core.Store;
using TmuxAgent.Core.Store.Sqlite;
using static TmuxAgent.Tests.Store.StoreEvents;

namespace TmuxAgent.Tests.Store;

/// <summary>Files the SQLite store cannot use fail with errors that name the file: newer schema, not a database, corrupt, locked, uncreatable.</summary>
[TestFixture]
[Category("sqlite")]
public sealed class SqliteEventStoreErrorTests : SqliteFileFixture
{
    [Test]
    public void A_file_from_a_newer_schema_is_refused_with_its_path()
    {
        var path = Path.Combine(Dir, "events.db");
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
        var path = Path.Combine(Dir, "events.db");
        File.WriteAllText(path, string.Concat(Enumerable.Repeat("this is a text file, not an event store\n", 200)));

        var open = () => SqliteEventStore.Open(path);

        var error = open.Should().Throw<SqliteStoreException>().Which;
        error.Message.Should().StartWith(path + ": ").And.Contain("corrupt or not a database");
        error.SqliteErrorCode.Should().Be(26);
    }

    [Test]
    public async Task A_store_whose_pages_are_overwritten_reports_corruption_with_its_path()
    {
        var path = Path.Combine(Dir, "events.db");
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
        var path = Path.Combine(Dir, "events.db");
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
        var path = Path.Combine(Dir, "events.db");
        using (SqliteEventStore.Open(path)) { }
        using var c = Raw(path);
        using var lockHolder = c.BeginTransaction(deferred: false);

        var open = () => SqliteEventStore.Open(path, new SqliteStoreOptions { BusyTimeout = TimeSpan.FromMilliseconds(100) });

        open.Should().Throw<SqliteStoreException>().WithMessage($"{path}: the event store is locked*");
    }

    [Test]
    public void ADirectory_that_cannot_be_created_is_reported_with_the_path()
    {
        var blocker = Path.Combine(Dir, "file");
        File.WriteAllText(blocker, "");
        var path = Path.Combine(blocker, "sub", "events.db");

        var open = () => SqliteEventStore.Open(path);

        open.Should().Throw<SqliteStoreException>().Which.Path.Should().Be(path);
    }
}
