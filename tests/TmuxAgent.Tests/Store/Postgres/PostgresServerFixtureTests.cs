using TmuxAgent.Tests.Support;

namespace TmuxAgent.Tests.Store.Postgres;

/// <summary>The test server fixture itself: without a server it fails loudly instead of letting PostgreSQL tests pass unrun.</summary>
public class PostgresServerFixtureTests
{
    [Test]
    public void Without_binaries_or_TMUXAGENT_PG_starting_fails_saying_what_to_install()
    {
        var empty = Directory.CreateTempSubdirectory("tmuxagent-nopg-").FullName;
        try
        {
            FluentActions.Invoking(() => PostgresServer.Start(durable: false, external: null, binDirs: [empty]))
                .Should().Throw<InvalidOperationException>()
                .WithMessage("*set TMUXAGENT_PG=postgres://*apt-get install postgresql*");
        }
        finally
        {
            Directory.Delete(empty);
        }
    }

    [Test]
    [Category("postgres")]
    public void The_shared_server_serves_a_utf8_database()
    {
        var schema = PostgresFixture.Server.CreateSchema("fixture");
        try
        {
            using var c = new Npgsql.NpgsqlConnection(schema.ConnectionString);
            c.Open();
            using var cmd = new Npgsql.NpgsqlCommand("SELECT current_setting('server_encoding') || ' ' || current_schema()", c);
            cmd.ExecuteScalar().Should().Be($"UTF8 {schema.SearchPath}");
        }
        finally
        {
            PostgresFixture.Server.DropSchema(schema);
        }
    }
}
