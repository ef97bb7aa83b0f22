using Npgsql;

namespace TmuxAgent.Core.Store.Postgres;

/// <summary>The PostgreSQL event store cannot be used: unreachable, refused, wrong encoding, from a newer version.</summary>
/// <param name="server">Where the store is (<see cref="PostgresConnectionString.Describe"/>, never the password).</param>
/// <param name="message">What went wrong and what the user can do.</param>
/// <param name="inner">The driver's error.</param>
public sealed class PostgresStoreException(string server, string message, Exception? inner = null)
    : Exception($"{server}: {message}", inner)
{
    /// <summary>The server, user and database (no password).</summary>
    public string Server { get; } = server;

    /// <summary>PostgreSQL's SQLSTATE, when the server reported the error (e.g. <c>28P01</c>: bad password).</summary>
    public string? SqlState => (InnerException as PostgresException)?.SqlState;

    /// <summary>Turns the driver's error into one naming the server and what the user can do.</summary>
    internal static PostgresStoreException From(string server, Exception e) => e switch
    {
        PostgresException { SqlState: "28P01" or "28000" } p => new(server, $"authentication failed (check user and password): {p.MessageText}", e),
        PostgresException { SqlState: "3D000" } p => new(server, $"the database does not exist (create it first): {p.MessageText}", e),
        PostgresException { SqlState: "42501" } p => new(server, $"permission denied (the user needs CREATE on the schema): {p.MessageText}", e),
        PostgresException p => new(server, $"{p.SqlState}: {p.MessageText}", e),
        NpgsqlException { InnerException: System.Net.Sockets.SocketException or TimeoutException } => new(server,
            $"cannot connect to the server (is it running and reachable?): {e.InnerException!.Message}", e),
        _ => new(server, e.Message, e),
    };
}
