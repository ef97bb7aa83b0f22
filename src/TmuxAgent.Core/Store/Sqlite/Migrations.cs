using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace TmuxAgent.Core.Store.Sqlite;

/// <summary>
/// The schema's history. Each migration runs once, in order, inside one <c>BEGIN IMMEDIATE</c> transaction,
/// and is recorded in <c>schema_version</c>; two processes opening a new file at once serialize on it.
/// Never edit a released migration: add the next one.
/// </summary>
internal static class Migrations
{
    /// <summary>One schema step.</summary>
    internal sealed record Migration(int Version, string Description, string Sql);

    /// <summary>Every migration, oldest first.</summary>
    internal static readonly IReadOnlyList<Migration> All =
    [
        new(1, "event log: streams and events", Resource("TmuxAgent.Core.Store.Sqlite.Schema.sql")),
        // a stream read newest first from a position (the dashboard's timeline) is a LIMIT query on this index
        new(2, "index of each stream by position", "CREATE INDEX events_stream_position ON events (stream, position)"),
        new(3, "snapshots", Resource("TmuxAgent.Core.Store.Sqlite.Snapshots.sql")),
    ];

    /// <summary>The schema version this build writes.</summary>
    internal static int Latest => All[^1].Version;

    private const string VersionTable = """
        CREATE TABLE IF NOT EXISTS schema_version (
            version     INTEGER PRIMARY KEY,
            description TEXT NOT NULL,
            applied_at  TEXT NOT NULL
        )
        """;

    /// <summary>Brings the database on <paramref name="connection"/> to <see cref="Latest"/>; returns the version found before.</summary>
    /// <exception cref="SqliteStoreException">The file was written by a newer version of TmuxAgent.</exception>
    internal static int Apply(SqliteConnection connection, string path, TimeProvider clock)
    {
        using var tx = connection.BeginTransaction(deferred: false);
        connection.Execute(VersionTable, transaction: tx);
        var found = connection.ExecuteScalar<int>("SELECT COALESCE(MAX(version), 0) FROM schema_version", transaction: tx);
        if (found > Latest)
            throw new SqliteStoreException(path,
                $"schema version {found} was written by a newer TmuxAgent; this build knows up to version {Latest}.");
        foreach (var m in All.Where(m => m.Version > found))
        {
            connection.Execute(m.Sql, transaction: tx);
            // Plain parameters, not a Dapper parameter object: the replay's Native AOT binary opens stores too.
            using var record = connection.CreateCommand();
            record.Transaction = tx;
            record.CommandText = "INSERT INTO schema_version (version, description, applied_at) VALUES ($version, $description, $at)";
            record.Parameters.AddWithValue("$version", m.Version);
            record.Parameters.AddWithValue("$description", m.Description);
            record.Parameters.AddWithValue("$at", clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
            record.ExecuteNonQuery();
        }
        tx.Commit();
        return found;
    }

    private static string Resource(string name)
    {
        using var stream = typeof(Migrations).Assembly.GetManifestResourceStream(name)
                           ?? throw new InvalidOperationException($"Embedded resource '{name}' is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
