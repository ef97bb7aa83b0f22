using System.Globalization;
using Npgsql;

namespace TmuxAgent.Core.Store.Postgres;

/// <summary>Reads event rows into <see cref="StoredEvent"/>s with a plain data reader (the hot path of every fold).</summary>
internal static class PostgresEventRows
{
    private const string Columns = "position, event_id, stream, version, event_type, data, created";

    /// <summary>The stored form of <see cref="StoredEvent.Created"/>: ISO 8601 round-trip, offset and ticks kept.</summary>
    internal static string FormatCreated(DateTimeOffset created) => created.ToString("O", CultureInfo.InvariantCulture);

    internal static Task<IReadOnlyList<StoredEvent>> ReadAllAsync(NpgsqlDataSource source, long afterPosition, int maxCount, CancellationToken ct) =>
        ReadAsync(source, $"SELECT {Columns} FROM events WHERE position > $1 ORDER BY position LIMIT $2", maxCount, ct,
            new NpgsqlParameter<long> { TypedValue = afterPosition }, new NpgsqlParameter<long> { TypedValue = maxCount });

    internal static Task<IReadOnlyList<StoredEvent>> ReadStreamAsync(NpgsqlDataSource source, StreamName stream, long fromVersion, int maxCount, CancellationToken ct) =>
        ReadAsync(source, $"SELECT {Columns} FROM events WHERE stream = $1 AND version >= $2 ORDER BY version LIMIT $3", maxCount, ct,
            new NpgsqlParameter<string> { TypedValue = stream.Value }, new NpgsqlParameter<long> { TypedValue = fromVersion },
            new NpgsqlParameter<long> { TypedValue = maxCount });

    /// <summary>A stream newest first below a position (index <c>events_stream_position</c>), optionally of some types only.</summary>
    internal static Task<IReadOnlyList<StoredEvent>> ReadStreamBackwardAsync(NpgsqlDataSource source, StreamName stream, long? beforePosition, int maxCount,
        IReadOnlyCollection<string>? types, CancellationToken ct) =>
        types is null
            ? ReadAsync(source, $"SELECT {Columns} FROM events WHERE stream = $1 AND position < $2 ORDER BY position DESC LIMIT $3", maxCount, ct,
                new NpgsqlParameter<string> { TypedValue = stream.Value }, new NpgsqlParameter<long> { TypedValue = beforePosition ?? long.MaxValue },
                new NpgsqlParameter<long> { TypedValue = maxCount })
            : ReadAsync(source, $"SELECT {Columns} FROM events WHERE stream = $1 AND position < $2 AND event_type = ANY($4) ORDER BY position DESC LIMIT $3", maxCount, ct,
                new NpgsqlParameter<string> { TypedValue = stream.Value }, new NpgsqlParameter<long> { TypedValue = beforePosition ?? long.MaxValue },
                new NpgsqlParameter<long> { TypedValue = maxCount }, new NpgsqlParameter<string[]> { TypedValue = [.. types] });

    /// <summary>A page of the all-stream with the text columns as UTF-8 bytes (<c>convert_to</c>: bytea, no string per column).</summary>
    internal static async Task<EventPage> ReadPageAsync(NpgsqlDataSource source, long afterPosition, int maxCount, EventPage page, CancellationToken ct)
    {
        await using var cmd = source.CreateCommand("SELECT position, convert_to(event_id, 'UTF8'), convert_to(stream, 'UTF8'), version, "
            + "convert_to(event_type, 'UTF8'), convert_to(data, 'UTF8'), convert_to(created, 'UTF8') FROM events WHERE position > $1 ORDER BY position LIMIT $2");
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = afterPosition });
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = maxCount });
        page.Clear(afterPosition);
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await r.ReadAsync(ct).ConfigureAwait(false))
            page.Add(r.GetInt64(0), r.GetFieldValue<byte[]>(2), r.GetInt64(3), r.GetFieldValue<byte[]>(4), r.GetFieldValue<byte[]>(1),
                r.GetFieldValue<byte[]>(5), r.GetFieldValue<byte[]>(6));
        page.Complete(page.Count < maxCount);
        return page;
    }

    private static async Task<IReadOnlyList<StoredEvent>> ReadAsync(NpgsqlDataSource source, string sql, int maxCount, CancellationToken ct, params NpgsqlParameter[] parameters)
    {
        await using var cmd = source.CreateCommand(sql);
        cmd.Parameters.AddRange(parameters);
        var result = new List<StoredEvent>(Math.Min(maxCount, 1024));
        var streams = new Dictionary<string, StreamName>(StringComparer.Ordinal);
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            var stream = r.GetString(2);
            var type = r.GetString(4);
            result.Add(new StoredEvent(
                EventId: r.GetString(1),
                EventType: types.TryGetValue(type, out var t) ? t : types[type] = type,
                Data: r.GetString(5),
                Created: DateTimeOffset.ParseExact(r.GetString(6), "O", CultureInfo.InvariantCulture),
                Stream: streams.TryGetValue(stream, out var s) ? s : streams[stream] = new StreamName(stream),
                Version: r.GetInt64(3),
                Position: r.GetInt64(0)));
        }
        return result;
    }
}
