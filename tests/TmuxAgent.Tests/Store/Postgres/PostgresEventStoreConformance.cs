using Npgsql;
using TmuxAgent.Core.Store;
using TmuxAgent.Core.Store.Postgres;
using TmuxAgent.Tests.Support;

namespace TmuxAgent.Tests.Store.Postgres;

/// <summary>
/// The conformance suite against <see cref="PostgresEventStore"/> on a real server (<see cref="PostgresFixture"/>):
/// each test gets its own empty schema, shared by a second handle (another connection pool) and by OS processes
/// (the probe opens it by its <c>postgres://</c> URL).
/// </summary>
[TestFixture]
[Category("postgres")]
public sealed class PostgresEventStoreConformance : EventStoreConformance
{
    private NpgsqlConnectionStringBuilder? _schema;

    protected override IEventStore CreateStore()
    {
        _schema = PostgresFixture.Server.CreateSchema("conformance");
        return PostgresEventStore.Open(_schema.ConnectionString);
    }

    protected override IEventStore OpenSecondHandle() => PostgresEventStore.Open(_schema!.ConnectionString);

    protected override bool SharedAcrossProcesses => true;

    protected override string ProbeStoreUri => PostgresServer.Url(_schema!);

    protected override void DeleteStorage()
    {
        if (_schema is not null) PostgresFixture.Server.DropSchema(_schema);
        _schema = null;
    }
}
