using TmuxAgent.Core.Store.Leases;
using TmuxAgent.Core.Store.Sqlite;

namespace TmuxAgent.Tests.Store.Leases;

/// <summary>SQLite's errors from the lease table name the file, like the event store's (the host's store-fault log
/// and notification quote them).</summary>
[Category("sqlite")]
public class SqliteBranchLeasesErrorTests
{
    [Test]
    public void A_file_that_is_not_a_database_is_refused_naming_the_file()
    {
        var dir = Directory.CreateTempSubdirectory("tmuxagent-lease-err-").FullName;
        try
        {
            var path = Path.Combine(dir, "events.db");
            File.WriteAllText(path, new string('x', 4096));

            var open = () => SqliteBranchLeases.Open(path);

            open.Should().Throw<SqliteStoreException>().Which.Message.Should().Contain(path);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public async Task A_file_damaged_after_opening_fails_the_next_call_naming_the_file()
    {
        var dir = Directory.CreateTempSubdirectory("tmuxagent-lease-err-").FullName;
        try
        {
            var path = Path.Combine(dir, "events.db");
            var leases = SqliteBranchLeases.Open(path);
            (await leases.TryAcquireAsync("b", "host-a", TimeSpan.FromSeconds(10), DateTimeOffset.UnixEpoch)).Should().NotBeNull();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.WriteAllText(path, new string('x', 4096));

            var acquire = () => leases.TryAcquireAsync("b", "host-a", TimeSpan.FromSeconds(10), DateTimeOffset.UnixEpoch);

            (await acquire.Should().ThrowAsync<SqliteStoreException>()).Which.Message.Should().Contain(path);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }
}
