using System.Globalization;
using Npgsql;
using TmuxAgent.Core.Store.Snapshots;
using TmuxAgent.Core.Store.Compaction;

namespace TmuxAgent.Core.Store.Postgres;

/// <summary>The <c>snapshots</c> table, and compaction (stream snapshots replacing deleted events), in SQL.</summary>
internal static class PostgresSnapshots
{
    private const string Columns = "name, shape, position, data, taken";

    internal static async Task SaveAsync(NpgsqlConnection c, NpgsqlTransaction? tx, StoredSnapshot s, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"""
            INSERT INTO snapshots ({Columns}) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (name) DO UPDATE SET shape = excluded.shape, position = excluded.position, data = excluded.data, taken = excluded.taken
            """, c, tx);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = s.Name });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = s.Shape });
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = s.Position });
        cmd.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = s.Data });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = s.Taken.ToString("O", CultureInfo.InvariantCulture) });
        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    internal static async Task<IReadOnlyList<StoredSnapshot>> LoadAsync(NpgsqlConnection c, NpgsqlTransaction? tx, string name, bool byPrefix, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(byPrefix
            ? $"SELECT {Columns} FROM snapshots WHERE starts_with(name, $1) ORDER BY name COLLATE \"C\""
            : $"SELECT {Columns} FROM snapshots WHERE name = $1", c, tx);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        var result = new List<StoredSnapshot>();
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await r.ReadAsync(ct).ConfigureAwait(false))
            result.Add(new StoredSnapshot(r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetFieldValue<byte[]>(3),
                DateTimeOffset.ParseExact(r.GetString(4), "O", CultureInfo.InvariantCulture)));
        return result;
    }

    /// <summary>Compacts under the store lock, so appends wait; the event at the highest position is never deleted
    /// (the appender numbers the next event after it).</summary>
    internal static async Task<CompactionResult> CompactAsync(NpgsqlDataSource source, IReadOnlyList<StreamCut> cuts, CancellationToken ct)
    {
        await using var c = await source.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await c.BeginTransactionAsync(ct).ConfigureAwait(false);
        await using (var take = new NpgsqlCommand(PostgresStoreLock.Take, c, tx)) await take.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        long deleted = 0, highest = 0;
        foreach (var cut in cuts)
        {
            if (await LoadAsync(c, tx, cut.Snapshot.Name, false, ct).ConfigureAwait(false) is not [var held] || held.Position < cut.UpToVersion)
                await SaveAsync(c, tx, cut.Snapshot, ct).ConfigureAwait(false);
            await using var delete = new NpgsqlCommand("""
                WITH gone AS (DELETE FROM events WHERE stream = $1 AND version <= $2
                              AND position < (SELECT MAX(position) FROM events) RETURNING position)
                SELECT COUNT(*), COALESCE(MAX(position), 0) FROM gone
                """, c, tx);
            delete.Parameters.Add(new NpgsqlParameter<string> { TypedValue = cut.Stream.Value });
            delete.Parameters.Add(new NpgsqlParameter<long> { TypedValue = cut.UpToVersion });
            await using (var r = await delete.ExecuteReaderAsync(ct).ConfigureAwait(false))
            {
                await r.ReadAsync(ct).ConfigureAwait(false);
                deleted += r.GetInt64(0);
                highest = Math.Max(highest, r.GetInt64(1));
            }
        }
        var stale = CompactionRules.StaleAllStreamSnapshots(await LoadAsync(c, tx, "", true, ct).ConfigureAwait(false), highest).ToList();
        foreach (var s in stale)
        {
            await using var drop = new NpgsqlCommand("DELETE FROM snapshots WHERE name = $1", c, tx);
            drop.Parameters.Add(new NpgsqlParameter<string> { TypedValue = s.Name });
            await drop.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        var marked = (await LoadAsync(c, tx, CompactionRules.MarkerName, false, ct).ConfigureAwait(false)).FirstOrDefault();
        if (CompactionRules.Marker(marked, highest, cuts) is { } marker) await SaveAsync(c, tx, marker, ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return new CompactionResult(deleted, stale.Count);
    }
}
