using TmuxAgent.Core.Store;
using TmuxAgent.Core.Store.Sqlite;
using TmuxAgent.Host.Store;
using TmuxAgent.Tests.Audit;
using TempDir = TmuxAgent.Tests.Host.TempDir;

namespace TmuxAgent.Tests.Reliability;

/// <summary>The daemon's SQLite store refuses reads and appends once its file is truncated, deleted or overwritten under it,
/// naming the file; an intact file (also right after a kill -9) passes.</summary>
[Category("sqlite")]
public class SqliteFileCheckTests
{
    private TempDir _dir = null!;
    private string Db => _dir["state/events.db"];

    [SetUp] public void SetUp() => _dir = new TempDir();
    [TearDown] public void TearDown() => _dir.Dispose();

    [TestCase("truncate", "the file is truncated (0 bytes)")]
    [TestCase("delete", "the file is gone")]
    [TestCase("overwrite", "the file header is not SQLite's")]
    public async Task A_damaged_file_under_an_open_store_refuses_appends_and_reads_naming_the_file(string damage, string why)
    {
        using var store = (CheckedSqliteStore)StoreFactory.Open(Db);
        await store.AppendAsync(StreamName.ForBranch("f/a"), ExpectedVersion.Any, [NumberedEvents.Queued("f/a", 1)]);

        switch (damage)
        {
            case "truncate": using (var f = new FileStream(Db, FileMode.Open, FileAccess.Write, FileShare.ReadWrite)) f.SetLength(0); break;
            case "delete": File.Delete(Db); break;
            default: using (var f = new FileStream(Db, FileMode.Open, FileAccess.Write, FileShare.ReadWrite)) f.Write(new byte[100]); break;
        }

        var append = () => store.AppendAsync(StreamName.ForBranch("f/a"), ExpectedVersion.Any, [NumberedEvents.Queued("f/a", 2)]);
        (await append.Should().ThrowAsync<SqliteStoreException>()).Which.Message.Should().Contain(Db).And.Contain(why);
        var read = () => store.ReadAllAsync();
        await read.Should().ThrowAsync<SqliteStoreException>();
    }

    [Test]
    public async Task An_intact_store_passes_and_its_events_are_read_back()
    {
        using var store = (CheckedSqliteStore)StoreFactory.Open(Db);
        await store.AppendAsync(StreamName.ForBranch("f/a"), ExpectedVersion.Any, [NumberedEvents.Queued("f/a", 1)]);

        (await store.ReadAllAsync()).Should().HaveCount(1);
        SqliteFileCheck.Check(Db);
    }
}
