using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace TmuxAgent.Core.Store.Sqlite;

/// <summary>
/// The one writer connection of a <see cref="SqliteEventStore"/> and its prepared statements. Every append is one
/// <c>BEGIN IMMEDIATE</c> transaction: the version checks and the inserts see the same snapshot, and writers in
/// other processes wait (busy timeout) instead of interleaving.
/// </summary>
internal sealed class SqliteAppender : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SqliteConnection _connection;
    private readonly string _path;
    private readonly SqliteStoreOptions _options;
    private readonly SqliteCommand _streamVersion;
    private readonly SqliteCommand _findEvent;
    private readonly SqliteCommand _insertEvent;
    private readonly SqliteCommand _upsertStream;
    private readonly SqliteCommand _lastPosition;

    internal SqliteAppender(SqliteConnection connection, string path, SqliteStoreOptions options)
    {
        _connection = connection;
        _path = path;
        _options = options;
        _streamVersion = Command("SELECT version FROM streams WHERE name = $name", "$name");
        _findEvent = Command("SELECT stream, position FROM events WHERE event_id = $id", "$id");
        _insertEvent = Command("""
            INSERT INTO events (event_id, stream, version, event_type, data, created)
            VALUES ($id, $stream, $version, $type, $data, $created)
            """, "$id", "$stream", "$version", "$type", "$data", "$created");
        _upsertStream = Command("""
            INSERT INTO streams (name, version) VALUES ($name, $version)
            ON CONFLICT (name) DO UPDATE SET version = excluded.version
            """, "$name", "$version");
        // AUTOINCREMENT gives the next row max(largest position ever, largest position now) + 1; under the write lock
        // that is exactly this value plus one per inserted row, so no row has to be read back.
        _lastPosition = Command("""
            SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'events'), 0),
                       COALESCE((SELECT MAX(position) FROM events), 0))
            """);
    }

    private SqliteCommand Command(string sql, params string[] parameters)
    {
        var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        foreach (var p in parameters) cmd.Parameters.Add(new SqliteParameter { ParameterName = p });
        return cmd;
    }

    internal async Task<IReadOnlyList<AppendResult>> AppendAsync(IReadOnlyList<StreamAppend> appends, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return AppendInTransaction(appends);
        }
        catch (SqliteException e)
        {
            throw SqliteStoreException.From(_path, e, _options.BusyTimeout);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Runs <paramref name="work"/> in one <c>BEGIN IMMEDIATE</c> transaction on the writer connection, one
    /// writer at a time like the appends (snapshots, compaction).</summary>
    internal async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            using var tx = _connection.BeginTransaction(deferred: false);
            var result = work(_connection, tx);
            tx.Commit();
            return result;
        }
        catch (SqliteException e)
        {
            throw SqliteStoreException.From(_path, e, _options.BusyTimeout);
        }
        finally
        {
            _gate.Release();
        }
    }

    private IReadOnlyList<AppendResult> AppendInTransaction(IReadOnlyList<StreamAppend> appends)
    {
        using var tx = _connection.BeginTransaction(deferred: false);
        foreach (var cmd in new[] { _streamVersion, _findEvent, _insertEvent, _upsertStream, _lastPosition }) cmd.Transaction = tx;
        var versions = new Dictionary<string, long>(StringComparer.Ordinal);
        var results = new List<AppendResult>(appends.Count);
        var position = (long)_lastPosition.ExecuteScalar()!;
        var written = false;
        foreach (var a in appends)
        {
            var current = versions.TryGetValue(a.Stream.Value, out var v) ? v : VersionOf(a.Stream);
            var repeat = RepeatOf(a, current);
            if (repeat is { } r) { results.Add(r); continue; }
            StoreGuard.CheckVersion(a.Stream, a.Expected, current);
            var version = Write(a, current, ref position);
            written |= version != current;
            versions[a.Stream.Value] = version;
            results.Add(new AppendResult(version, position));
        }
        if (written && (long)_lastPosition.ExecuteScalar()! != position)
            throw new InvalidOperationException($"{_path}: SQLite numbered the appended events differently than expected; nothing was written.");
        tx.Commit();
        return results;
    }

    private long VersionOf(StreamName stream)
    {
        _streamVersion.Parameters[0].Value = stream.Value;
        return _streamVersion.ExecuteScalar() is long v ? v : -1;
    }

    /// <summary>The result of an earlier append when <paramref name="a"/> repeats it (its first event id is stored); null for a new append.</summary>
    /// <exception cref="InvalidOperationException">Only some of the ids are stored, or some belong to another stream.</exception>
    private AppendResult? RepeatOf(StreamAppend a, long current)
    {
        if (a.Events.Count == 0 || Find(a.Events[0].EventId) is null) return null;
        var lastPosition = 0L;
        foreach (var e in a.Events)
        {
            var found = Find(e.EventId);
            if (found is not { } f || f.Stream != a.Stream.Value)
                throw new InvalidOperationException($"Append to '{a.Stream}' repeats some event ids but not all of them.");
            lastPosition = Math.Max(lastPosition, f.Position);
        }
        return new AppendResult(current, lastPosition);
    }

    private (string Stream, long Position)? Find(string eventId)
    {
        _findEvent.Parameters[0].Value = eventId;
        using var r = _findEvent.ExecuteReader();
        return r.Read() ? (r.GetString(0), r.GetInt64(1)) : null;
    }

    /// <summary>Inserts the events whose ids are new, numbering them after <paramref name="current"/>; returns the stream's new version
    /// and advances <paramref name="position"/> to the last global position.</summary>
    private long Write(StreamAppend a, long current, ref long position)
    {
        var p = _insertEvent.Parameters;
        foreach (var e in a.Events)
        {
            p[0].Value = e.EventId;
            p[1].Value = a.Stream.Value;
            p[2].Value = current + 1;
            p[3].Value = e.EventType;
            p[4].Value = e.Data;
            p[5].Value = e.Created.ToString("O", CultureInfo.InvariantCulture);
            if (!TryInsert()) continue;
            current++;
            position++;
        }
        _upsertStream.Parameters[0].Value = a.Stream.Value;
        _upsertStream.Parameters[1].Value = current;
        _upsertStream.ExecuteNonQuery();
        return current;
    }

    internal int Synchronous
    {
        get
        {
            _gate.Wait();
            try { return _connection.ExecuteScalar<int>("PRAGMA synchronous"); }
            finally { _gate.Release(); }
        }
    }

    /// <summary>Inserts the bound event; false when its id is stored already (skipped, as in <see cref="InMemoryEventStore"/>).</summary>
    /// <remarks>A plain INSERT whose unique violation aborts only this statement: <c>ON CONFLICT DO NOTHING</c> would
    /// still consume an AUTOINCREMENT number and leave a gap in the global positions.</remarks>
    private bool TryInsert()
    {
        try
        {
            _insertEvent.ExecuteNonQuery();
            return true;
        }
        catch (SqliteException e) when (e.SqliteExtendedErrorCode == SQLitePCL.raw.SQLITE_CONSTRAINT_UNIQUE
                                        && e.Message.Contains("events.event_id", StringComparison.Ordinal))
        {
            return false;
        }
    }

    public void Dispose()
    {
        foreach (var cmd in new[] { _streamVersion, _findEvent, _insertEvent, _upsertStream, _lastPosition }) cmd.Dispose();
        _connection.Dispose();
        _gate.Dispose();
    }
}
