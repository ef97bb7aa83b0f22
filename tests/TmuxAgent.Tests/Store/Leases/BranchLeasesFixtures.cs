using Npgsql;
using TmuxAgent.Core.Store.Leases;
using TmuxAgent.Core.Store.Sqlite;
using TmuxAgent.Tests.Support;

namespace TmuxAgent.Tests.Store.Leases;

/// <summary>The lease contract in memory: both "hosts" share one instance.</summary>
[TestFixture]
public sealed class InMemoryBranchLeasesContract : BranchLeasesContract
{
    private InMemoryBranchLeases? _leases;

    protected override IBranchLeases CreateLeases() => _leases = new InMemoryBranchLeases();

    protected override IBranchLeases OpenSecondHandle() => _leases!;
}

/// <summary>The lease contract on a real SQLite file that also holds an event store; each host opens the file itself.</summary>
[TestFixture]
[Category("sqlite")]
public sealed class SqliteBranchLeasesContract : BranchLeasesContract
{
    private string _dir = "";

    private string DbPath => Path.Combine(_dir, "events.db");

    protected override IBranchLeases CreateLeases()
    {
        _dir = Directory.CreateTempSubdirectory("tmuxagent-leases-").FullName;
        SqliteEventStore.Open(DbPath).Dispose();
        return SqliteBranchLeases.Open(DbPath);
    }

    protected override IBranchLeases OpenSecondHandle() => SqliteBranchLeases.Open(DbPath);

    protected override void DeleteStorage()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }
}

/// <summary>The lease contract on a real PostgreSQL server: each host has its own connection pool on a fresh schema.</summary>
[TestFixture]
[Category("postgres")]
public sealed class PostgresBranchLeasesContract : BranchLeasesContract
{
    private NpgsqlConnectionStringBuilder? _schema;

    protected override IBranchLeases CreateLeases()
    {
        _schema = PostgresFixture.Server.CreateSchema("leases");
        return PostgresBranchLeases.Open(_schema.ConnectionString);
    }

    protected override IBranchLeases OpenSecondHandle() => PostgresBranchLeases.Open(PostgresServer.Url(_schema!));

    protected override void DeleteStorage()
    {
        if (_schema is not null) PostgresFixture.Server.DropSchema(_schema);
        _schema = null;
    }
}
