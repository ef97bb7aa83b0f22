using System.Globalization;
using Microsoft.Data.Sqlite;

namespace TmuxAgent.Core.Store.Sqlite;

/// <summary>Reads event rows into <see cref="StoredEvent"/>s (the hot path of every fold: a plain reader, no mapping layer).</summary>
internal static class SqliteEventRows
{
    private const string Columns = "position, event_id, stream, version, event_type, data, created";

    internal static IReadOnlyList<StoredEvent> ReadAll(SqliteConnection c, long afterPosition, int maxCount)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT {Columns} FROM events WHERE position > $after ORDER BY position LIMIT $max";
        cmd.Parameters.AddWithValue("$after", afterPosition);
        cmd.Parameters.AddWithValue("$max", maxCount);
        return ReadRows(cmd, maxCount);
    }

    internal static IReadOnlyList<StoredEvent> ReadStream(SqliteConnection c, StreamName stream, long fromVersion, int maxCount)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT {Columns} FROM events WHERE stream = $stream AND version >= $from ORDER BY version LIMIT $max";
        cmd.Parameters.AddWithValue("$stream", stream.Value);
        cmd.Parameters.AddWithValue("$from", fromVersion);
        cmd.Parameters.AddWithValue("$max", maxCount);
        return ReadRows(cmd, maxCount);
    }

    /// <summary>A stream newest first below a position (index <c>events_stream_position</c>), optionally of some types only.</summary>
    internal static IReadOnlyList<StoredEvent> ReadStreamBackward(SqliteConnection c, StreamName stream, long? beforePosition, int maxCount, IReadOnlyCollection<string>? types)
    {
        using var cmd = c.CreateCommand();
        var typeFilter = "";
        if (types is not null)
        {
            var names = types.Select((t, i) => (Name: "$t" + i, Type: t)).ToList();
            foreach (var (name, type) in names) cmd.Parameters.AddWithValue(name, type);
            typeFilter = names.Count == 0 ? " AND 0" : $" AND event_type IN ({string.Join(", ", names.Select(n => n.Name))})";
        }
        cmd.CommandText = $"SELECT {Columns} FROM events WHERE stream = $stream AND position < $before{typeFilter} ORDER BY position DESC LIMIT $max";
        cmd.Parameters.AddWithValue("$stream", stream.Value);
        cmd.Parameters.AddWithValue("$before", beforePosition ?? long.MaxValue);
        cmd.Parameters.AddWithValue("$max", maxCount);
        return ReadRows(cmd, maxCount);
    }

    private static List<StoredEvent> ReadRows(SqliteCommand cmd, int maxCount)
    {
        var result = new List<StoredEvent>(Math.Min(maxCount, 1024));
        var names = new NameCache();
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            result.Add(new StoredEvent(
                EventId: r.GetString(1),
                EventType: names.Type(r.GetString(4)),
                Data: r.GetString(5),
                Created: DateTimeOffset.ParseExact(r.GetString(6), "O", CultureInfo.InvariantCulture),
                Stream: names.Stream(r.GetString(2)),
                Version: r.GetInt64(3),
                Position: r.GetInt64(0)));
        }
        return result;
    }

    /// <summary>Shares one instance of each stream and type name within a page (a page often holds thousands of events of few streams).</summary>
    private sealed class NameCache
    {
        private readonly Dictionary<string, StreamName> _streams = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _types = new(StringComparer.Ordinal);

        public StreamName Stream(string name)
        {
            if (_streams.TryGetValue(name, out var s)) return s;
            return _streams[name] = new StreamName(name);
        }

        public string Type(string name)
        {
            if (_types.TryGetValue(name, out var t)) return t;
            return _types[name] = name;
        }
    }
}
