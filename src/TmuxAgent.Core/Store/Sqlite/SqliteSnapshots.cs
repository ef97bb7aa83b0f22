using System.Globalization;
using Microsoft.Data.Sqlite;
using TmuxAgent.Core.Store.Snapshots;
using TmuxAgent.Core.Store.Compaction;

namespace TmuxAgent.Core.Store.Sqlite;

/// <summary>The <c>snapshots</c> table, and compaction (stream snapshots replacing deleted events), in SQL.</summary>
internal static class SqliteSnapshots
{
    private const string Columns = "name, shape, position, data, taken";

    internal static int Save(SqliteConnection c, SqliteTransaction? tx, StoredSnapshot s)
    {
        using var cmd = Command(c, tx, $"""
            INSERT INTO snapshots ({Columns}) VALUES ($name, $shape, $position, $data, $taken)
            ON CONFLICT (name) DO UPDATE SET shape = excluded.shape, position = excluded.position, data = excluded.data, taken = excluded.taken
            """);
        cmd.Parameters.AddWithValue("$name", s.Name);
        cmd.Parameters.AddWithValue("$shape", s.Shape);
        cmd.Parameters.AddWithValue("$position", s.Position);
        cmd.Parameters.AddWithValue("$data", s.Data);
        cmd.Parameters.AddWithValue("$taken", s.Taken.ToString("O", CultureInfo.InvariantCulture));
        return cmd.ExecuteNonQuery();
    }

    internal static IReadOnlyList<StoredSnapshot> Load(SqliteConnection c, SqliteTransaction? tx, string name, bool byPrefix)
    {
        // a prefix by substr, not LIKE: names may hold '%' and '_'
        using var cmd = Command(c, tx, byPrefix
            ? $"SELECT {Columns} FROM snapshots WHERE substr(name, 1, length($name)) = $name ORDER BY name"
            : $"SELECT {Columns} FROM snapshots WHERE name = $name");
        cmd.Parameters.AddWithValue("$name", name);
        var result = new List<StoredSnapshot>();
        using var r = cmd.ExecuteReader();
        while (r.Read())
            result.Add(new StoredSnapshot(r.GetString(0), r.GetString(1), r.GetInt64(2), (byte[])r.GetValue(3),
                DateTimeOffset.ParseExact(r.GetString(4), "O", CultureInfo.InvariantCulture)));
        return result;
    }

    internal static CompactionResult Compact(SqliteConnection c, SqliteTransaction tx, IReadOnlyList<StreamCut> cuts)
    {
        long deleted = 0, highest = 0;
        foreach (var cut in cuts)
        {
            if (Load(c, tx, cut.Snapshot.Name, byPrefix: false) is not [var held] || held.Position < cut.UpToVersion)
                Save(c, tx, cut.Snapshot);
            using var max = Command(c, tx, "SELECT COALESCE(MAX(position), 0) FROM events WHERE stream = $stream AND version <= $version");
            max.Parameters.AddWithValue("$stream", cut.Stream.Value);
            max.Parameters.AddWithValue("$version", cut.UpToVersion);
            highest = Math.Max(highest, (long)max.ExecuteScalar()!);
            using var delete = Command(c, tx, "DELETE FROM events WHERE stream = $stream AND version <= $version");
            delete.Parameters.AddWithValue("$stream", cut.Stream.Value);
            delete.Parameters.AddWithValue("$version", cut.UpToVersion);
            deleted += delete.ExecuteNonQuery();
        }
        var stale = CompactionRules.StaleAllStreamSnapshots(Load(c, tx, "", byPrefix: true), highest).ToList();
        foreach (var s in stale)
        {
            using var drop = Command(c, tx, "DELETE FROM snapshots WHERE name = $name");
            drop.Parameters.AddWithValue("$name", s.Name);
            drop.ExecuteNonQuery();
        }
        if (CompactionRules.Marker(Load(c, tx, CompactionRules.MarkerName, byPrefix: false).FirstOrDefault(), highest, cuts) is { } marker)
            Save(c, tx, marker);
        return new CompactionResult(deleted, stale.Count);
    }

    private static SqliteCommand Command(SqliteConnection c, SqliteTransaction? tx, string sql)
    {
        var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        return cmd;
    }
}
