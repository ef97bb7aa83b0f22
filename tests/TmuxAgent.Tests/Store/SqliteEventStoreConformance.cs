using Dapper;
using Microsoft.Data.Sqlite;
using TmuxAgent.Core.Store;
using TmuxAgent.Core.Store.Sqlite;

namespace TmuxAgent.Tests.Store;

/// <summary>The conformance suite against <see cref="SqliteEventStore"/>: a real file in a temp dir, shared by handles and OS processes.</summary>
[TestFixture]
[Category("sqlite")]
public sealed class SqliteEventStoreConformance : EventStoreConformance
{
    private string _dir = "";

    private string DbPath => Path.Combine(_dir, "events.db");

    protected override IEventStore CreateStore()
    {
        _dir = Directory.CreateTempSubdirectory("tmuxagent-store-").FullName;
        return SqliteEventStore.Open(DbPath);
    }

    protected override IEventStore OpenSecondHandle() => SqliteEventStore.Open(DbPath);

    protected override bool SharedAcrossProcesses => true;

    protected override string ProbeStoreUri => "sqlite:" + DbPath;

    protected override void AssertStorageIntact()
    {
        using var c = new SqliteConnection($"Data Source={DbPath};Pooling=False");
        c.Open();
        c.ExecuteScalar<string>("PRAGMA integrity_check").Should().Be("ok");
    }

    protected override void DeleteStorage()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }
}
