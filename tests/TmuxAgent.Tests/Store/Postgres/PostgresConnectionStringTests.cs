using TmuxAgent.Core.Store;
using TmuxAgent.Core.Store.Postgres;

namespace TmuxAgent.Tests.Store.Postgres;

/// <summary>The two connection string forms users paste, and how the store picks its backend from what they give.</summary>
public class PostgresConnectionStringTests
{
    [Test]
    public void The_url_form_gives_user_password_host_port_and_database()
    {
        var b = PostgresConnectionString.Parse("postgres://agent:s3cret@db.internal:6543/tmuxagent");

        (b.Username, b.Password, b.Host, b.Port, b.Database).Should().Be(("agent", "s3cret", "db.internal", 6543, "tmuxagent"));
    }

    [Test]
    public void Percent_encoded_parts_are_decoded()
    {
        var b = PostgresConnectionString.Parse("postgresql://ag%40ent:p%40ss%2Fw%3Ard@localhost/my%20db");

        (b.Username, b.Password, b.Database).Should().Be(("ag@ent", "p@ss/w:rd", "my db"));
    }

    [Test]
    public void Query_parameters_use_libpq_names()
    {
        var b = PostgresConnectionString.Parse(
            "postgres://u@h/db?sslmode=verify-full&search_path=agents&application_name=tmux-agent&connect_timeout=7");

        b.SslMode.Should().Be(Npgsql.SslMode.VerifyFull);
        b.SearchPath.Should().Be("agents");
        b.ApplicationName.Should().Be("tmux-agent");
        b.Timeout.Should().Be(7);
    }

    [Test]
    public void Ipv6_and_several_hosts_become_npgsql_host_lists()
    {
        PostgresConnectionString.Parse("postgres://u@[::1]:5433/db").Should().Match<Npgsql.NpgsqlConnectionStringBuilder>(b => b.Host == "::1" && b.Port == 5433);
        PostgresConnectionString.Parse("postgres://u@a:5432,b:5433/db").Host.Should().Be("a:5432,b:5433");
    }

    [Test]
    public void A_unix_socket_directory_comes_as_the_host_parameter()
    {
        var b = PostgresConnectionString.Parse("postgres:///tmuxagent?host=/var/run/postgresql");

        (b.Host, b.Database).Should().Be(("/var/run/postgresql", "tmuxagent"));
    }

    [TestCase("postgres://u@h:99999/db", "port: expected a number from 1 to 65535, got \"99999\"")]
    [TestCase("postgres://u@h/db?sslmod=require", "unknown parameter 'sslmod'")]
    [TestCase("postgres://u@h/db?sslmode=sometimes", "sslmode: expected one of")]
    [TestCase("postgres://u@[::1/db", "unclosed '['")]
    public void Mistakes_are_named(string url, string message)
    {
        FluentActions.Invoking(() => PostgresConnectionString.Parse(url)).Should().Throw<FormatException>().WithMessage($"*{message}*");
    }

    [Test]
    public void The_key_value_form_is_npgsqls_own()
    {
        var b = PostgresConnectionString.Parse("Host=127.0.0.1;Port=5999;Username=u;Password=p;Database=d;Search Path=s");

        (b.Host, b.Port, b.Username, b.Database, b.SearchPath).Should().Be(("127.0.0.1", 5999, "u", "d", "s"));
        FluentActions.Invoking(() => PostgresConnectionString.Parse("Host=h;Colour=blue")).Should().Throw<FormatException>().WithMessage("*colour*");
    }

    [Test]
    public void Describing_a_server_never_shows_the_password()
    {
        var text = PostgresConnectionString.Describe(PostgresConnectionString.Parse("postgres://agent:s3cret@db:5432/events?search_path=x"));

        text.Should().Be("postgres://agent@db:5432/events (search_path x)");
    }

    [TestCase("postgres://u@h/db", StoreKind.Postgres)]
    [TestCase("postgresql://u@h/db", StoreKind.Postgres)]
    [TestCase("Host=h;Database=db", StoreKind.Postgres)]
    [TestCase(".tmuxagent/events.db", StoreKind.Sqlite)]
    [TestCase("sqlite:/var/lib/tmuxagent/events.db", StoreKind.Sqlite)]
    [TestCase("/tmp/weird=name.db", StoreKind.Sqlite)]
    public void The_store_kind_follows_from_what_the_user_wrote(string value, StoreKind kind)
    {
        EventStores.KindOf(value).Should().Be(kind);
    }
}
