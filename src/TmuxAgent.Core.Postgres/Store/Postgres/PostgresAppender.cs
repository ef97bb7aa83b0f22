using Npgsql;
using NpgsqlTypes;

namespace TmuxAgent.Core.Store.Postgres;

/// <summary>
/// One append call = one transaction, three round trips: (1) take the store lock and read the touched streams'
/// versions, the already stored event ids and the last position; (2) insert the new events and stream rows in
/// bulk (<c>unnest</c>); (3) commit. The plan in between is the same as <see cref="InMemoryEventStore"/>'s:
/// repeats are answered from what is stored, version checks see the batch's own earlier appends, and any
/// <see cref="WrongExpectedVersionException"/> rolls the whole batch back.
/// </summary>
internal static class PostgresAppender
{
    private sealed record Stored(string Stream, long Position);

    private sealed class Plan
    {
        public required Dictionary<string, long> Versions { get; init; }
        public required Dictionary<string, Stored> Ids { get; init; }
        public required long LastPosition { get; set; }
        public List<(NewStreamEvent Event, string Stream, long Version, long Position)> Inserts { get; } = [];
        public List<string> NewStreams { get; } = [];
        public HashSet<string> Touched { get; } = new(StringComparer.Ordinal);
    }

    internal static async Task<IReadOnlyList<AppendResult>> AppendAsync(NpgsqlDataSource source, IReadOnlyList<StreamAppend> appends, CancellationToken ct)
    {
        await using var connection = await source.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        var plan = await ReadStateAsync(connection, tx, appends, ct).ConfigureAwait(false);
        var results = appends.Select(a => PlanOne(plan, a)).ToList();
        if (plan.Touched.Count > 0) await WriteAsync(connection, tx, plan, ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return results;
    }

    private static async Task<Plan> ReadStateAsync(NpgsqlConnection c, NpgsqlTransaction tx, IReadOnlyList<StreamAppend> appends, CancellationToken ct)
    {
        var names = appends.Select(a => a.Stream.Value).Distinct(StringComparer.Ordinal).ToArray();
        var ids = appends.SelectMany(a => a.Events).Select(e => e.EventId).Distinct(StringComparer.Ordinal).ToArray();
        await using var batch = new NpgsqlBatch(c, tx)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(PostgresStoreLock.Take),
                new NpgsqlBatchCommand("SELECT name, version FROM streams WHERE name = ANY($1)") { Parameters = { Text(names) } },
                new NpgsqlBatchCommand("SELECT event_id, stream, position FROM events WHERE event_id = ANY($1)") { Parameters = { Text(ids) } },
                new NpgsqlBatchCommand("SELECT COALESCE(MAX(position), 0) FROM events"),
            },
        };
        await using var r = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
        await r.NextResultAsync(ct).ConfigureAwait(false);
        var versions = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await r.ReadAsync(ct).ConfigureAwait(false)) versions[r.GetString(0)] = r.GetInt64(1);
        await r.NextResultAsync(ct).ConfigureAwait(false);
        var stored = new Dictionary<string, Stored>(StringComparer.Ordinal);
        while (await r.ReadAsync(ct).ConfigureAwait(false)) stored[r.GetString(0)] = new Stored(r.GetString(1), r.GetInt64(2));
        await r.NextResultAsync(ct).ConfigureAwait(false);
        await r.ReadAsync(ct).ConfigureAwait(false);
        return new Plan { Versions = versions, Ids = stored, LastPosition = r.GetInt64(0) };
    }

    private static AppendResult PlanOne(Plan plan, StreamAppend a)
    {
        var stream = a.Stream.Value;
        var current = plan.Versions.TryGetValue(stream, out var v) ? v : -1;
        if (a.Events.Count > 0 && plan.Ids.ContainsKey(a.Events[0].EventId)) return Repeat(plan, a, current);
        StoreGuard.CheckVersion(a.Stream, a.Expected, current);
        if (!plan.Versions.ContainsKey(stream)) plan.NewStreams.Add(stream);
        plan.Touched.Add(stream);
        foreach (var e in a.Events)
        {
            if (plan.Ids.ContainsKey(e.EventId)) continue;
            current++;
            plan.LastPosition++;
            plan.Inserts.Add((e, stream, current, plan.LastPosition));
            plan.Ids[e.EventId] = new Stored(stream, plan.LastPosition);
        }
        plan.Versions[stream] = current;
        return new AppendResult(current, plan.LastPosition);
    }

    /// <summary>The result of an earlier append that <paramref name="a"/> repeats (its first event id is stored).</summary>
    /// <exception cref="InvalidOperationException">Only some of the ids are stored, or some belong to another stream.</exception>
    private static AppendResult Repeat(Plan plan, StreamAppend a, long current)
    {
        var last = 0L;
        foreach (var e in a.Events)
        {
            if (!plan.Ids.TryGetValue(e.EventId, out var s) || s.Stream != a.Stream.Value)
                throw new InvalidOperationException($"Append to '{a.Stream}' repeats some event ids but not all of them.");
            last = Math.Max(last, s.Position);
        }
        return new AppendResult(current, last);
    }

    private static async Task WriteAsync(NpgsqlConnection c, NpgsqlTransaction tx, Plan plan, CancellationToken ct)
    {
        var ins = plan.Inserts;
        var newStreams = plan.NewStreams.ToArray();
        var touched = plan.Touched.ToArray();
        await using var batch = new NpgsqlBatch(c, tx)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("""
                    INSERT INTO events (position, event_id, stream, version, event_type, data, created)
                    SELECT * FROM unnest($1, $2, $3, $4, $5, $6, $7)
                    """)
                {
                    Parameters =
                    {
                        Bigint(ins.Select(i => i.Position).ToArray()),
                        Text(ins.Select(i => i.Event.EventId).ToArray()),
                        Text(ins.Select(i => i.Stream).ToArray()),
                        Bigint(ins.Select(i => i.Version).ToArray()),
                        Text(ins.Select(i => i.Event.EventType).ToArray()),
                        Text(ins.Select(i => i.Event.Data).ToArray()),
                        Text(ins.Select(i => PostgresEventRows.FormatCreated(i.Event.Created)).ToArray()),
                    },
                },
                new NpgsqlBatchCommand("""
                    INSERT INTO streams (name, version)
                    SELECT n, -1 FROM unnest($1) WITH ORDINALITY AS s(n, i) ORDER BY i
                    """) { Parameters = { Text(newStreams) } },
                new NpgsqlBatchCommand("""
                    UPDATE streams SET version = u.v FROM unnest($1, $2) AS u(n, v) WHERE streams.name = u.n
                    """) { Parameters = { Text(touched), Bigint(touched.Select(s => plan.Versions[s]).ToArray()) } },
            },
        };
        await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private static NpgsqlParameter Text(string[] values) => new() { Value = values, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };

    private static NpgsqlParameter Bigint(long[] values) => new() { Value = values, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint };
}
