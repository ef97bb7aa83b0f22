using Dapper;
using Npgsql;

namespace TmuxAgent.Core.Store.Postgres;

/// <summary>
/// The schema's history. All pending migrations run in one transaction that first takes the store's advisory
/// lock (<see cref="PostgresStoreLock"/>): two hosts starting at once on an empty database serialize, the second
/// finds the work done. DDL is transactional in PostgreSQL, so a failed migration leaves nothing behind.
/// Each applied step is recorded in <c>schema_version</c>. Never edit a released migration: add the next one.
/// </summary>
internal static class PostgresMigrations
{
    /// <summary>One schema step.</summary>
    internal sealed record Migration(int Version, string Description, string Sql);

    /// <summary>Every migration, oldest first.</summary>
    internal static readonly IReadOnlyList<Migration> All =
    [
        new(1, "event log: streams and events", """
            -- One row per stream; stream_id gives the order of creation (appends are serialized, see PostgresStoreLock);
            -- version is the 0-based version of its last event (-1: created by an empty append).
            CREATE TABLE streams (
                stream_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                name      text   NOT NULL UNIQUE,
                version   bigint NOT NULL
            );
            -- Every event once. position is assigned by the appender as MAX(position)+1 while it holds the store
            -- lock, so positions are gap-free and commit in increasing order (no sequence: a rolled-back or
            -- concurrent sequence value would let a reader skip a lower position that commits later).
            CREATE TABLE events (
                position   bigint PRIMARY KEY,
                event_id   text   NOT NULL UNIQUE,
                stream     text   NOT NULL,
                version    bigint NOT NULL,
                event_type text   NOT NULL,
                data       text   NOT NULL,  -- the event's JSON exactly as given (jsonb would reorder keys)
                created    text   NOT NULL,  -- ISO 8601 round-trip format: offset and 100 ns ticks kept
                UNIQUE (stream, version)
            );
            """),
        new(2, "branch leases", """
            -- One row per branch ever leased; owner NULL: free. fencing_token only grows (see Store/Leases).
            CREATE TABLE branch_leases (
                branch        text        PRIMARY KEY,
                owner         text        NULL,
                acquired_at   timestamptz NULL,
                expires_at    timestamptz NULL,
                fencing_token bigint      NOT NULL
            );
            """),
        // a stream read newest first from a position (the dashboard's timeline) is a LIMIT query on this index
        new(3, "index of each stream by position", "CREATE INDEX events_stream_position ON events (stream, position)"),
        new(4, "snapshots", """
            -- One row per name: the host's board (host/board, position = a global position) and the stream snapshots
            -- `store compact` leaves (stream/<stream>, position = a stream version). data: SHA-256 of the JSON, then the JSON.
            CREATE TABLE snapshots (
                name     text   PRIMARY KEY,
                shape    text   NOT NULL,
                position bigint NOT NULL,
                data     bytea  NOT NULL,
                taken    text   NOT NULL
            );
            """),
    ];

    /// <summary>The schema version this build writes.</summary>
    internal static int Latest => All[^1].Version;

    private const string VersionTable = """
        CREATE TABLE IF NOT EXISTS schema_version (
            version     integer     PRIMARY KEY,
            description text        NOT NULL,
            applied_at  timestamptz NOT NULL DEFAULT now()
        )
        """;

    /// <summary>Brings the schema to <see cref="Latest"/>; returns the version found before.</summary>
    /// <exception cref="PostgresStoreException">No usable schema, a non-UTF-8 database, or a newer schema.</exception>
    internal static int Apply(NpgsqlConnection connection, string server)
    {
        var encoding = connection.ExecuteScalar<string>("SHOW server_encoding");
        if (!string.Equals(encoding, "UTF8", StringComparison.OrdinalIgnoreCase))
            throw new PostgresStoreException(server, $"the database encoding is {encoding}; the event store needs UTF8 (CREATE DATABASE … ENCODING 'UTF8').");
        using var tx = connection.BeginTransaction();
        if (connection.ExecuteScalar<string?>("SELECT current_schema()", transaction: tx) is null)
            throw new PostgresStoreException(server, "the search_path names no existing schema (create the schema or fix search_path).");
        connection.Execute(PostgresStoreLock.Take, transaction: tx);
        connection.Execute(VersionTable, transaction: tx);
        var found = connection.ExecuteScalar<int>("SELECT COALESCE(MAX(version), 0) FROM schema_version", transaction: tx);
        if (found > Latest)
            throw new PostgresStoreException(server, $"schema version {found} was written by a newer TmuxAgent; this build knows up to version {Latest}.");
        foreach (var m in All.Where(m => m.Version > found))
        {
            connection.Execute(m.Sql, transaction: tx);
            connection.Execute("INSERT INTO schema_version (version, description) VALUES (@Version, @Description)", new { m.Version, m.Description }, tx);
        }
        tx.Commit();
        return found;
    }
}
