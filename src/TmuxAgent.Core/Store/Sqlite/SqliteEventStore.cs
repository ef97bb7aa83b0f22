using Dapper;
using Microsoft.Data.Sqlite;
using TmuxAgent.Core.Store.Snapshots;
using TmuxAgent.Core.Store.Compaction;

namespace TmuxAgent.Core.Store.Sqlite;

/// <summary>
/// The embedded event store: one SQLite file in WAL mode. Appends run in <c>BEGIN IMMEDIATE</c> transactions on
/// one writer connection, so writers in this process and in other processes serialize; readers use their own
/// pooled connections and never block the writer. Positions are global and strictly increasing; (stream, version)
/// and event ids are unique; appends are idempotent per event id, like <see cref="InMemoryEventStore"/>.
/// </summary>
public sealed class SqliteEventStore : ICompactableStore, IDisposable
{
    private readonly SqliteAppender _appender;
    private readonly string _readerConnectionString;

    private SqliteEventStore(string path, SqliteStoreOptions options, SqliteAppender appender, string readerConnectionString)
    {
        Path = path;
        Options = options;
        _appender = appender;
        _readerConnectionString = readerConnectionString;
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>The options it was opened with.</summary>
    public SqliteStoreOptions Options { get; }

    /// <summary>
    /// Opens the store at <paramref name="path"/>, creating the file (0600) and its directory (0700) when missing,
    /// switching it to WAL and applying pending schema migrations.
    /// </summary>
    /// <exception cref="SqliteStoreException">The file is corrupt, not a database, locked, unwritable or from a newer version.</exception>
    public static SqliteEventStore Open(string path, SqliteStoreOptions? options = null)
    {
        options ??= SqliteStoreOptions.Default;
        var full = System.IO.Path.GetFullPath(path);
        SqliteConnection? writer = null;
        try
        {
            SqliteStoreFile.Ensure(full);
            writer = new SqliteConnection(ConnectionString(full, options, pooling: false));
            writer.Open();
            Configure(writer, full, options);
            Migrations.Apply(writer, full, options.Clock);
            return new SqliteEventStore(full, options, new SqliteAppender(writer, full, options), ConnectionString(full, options, pooling: true));
        }
        catch (SqliteException e)
        {
            writer?.Dispose();
            throw SqliteStoreException.From(full, e, options.BusyTimeout);
        }
        catch (Files.UnsafeFileException e)
        {
            writer?.Dispose();
            throw new SqliteStoreException(full, e.Path == full ? e.Reason : e.Message, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            writer?.Dispose();
            throw new SqliteStoreException(full, $"cannot create the event store: {e.Message}", e);
        }
        catch
        {
            writer?.Dispose();
            throw;
        }
    }

    private static string ConnectionString(string path, SqliteStoreOptions options, bool pooling) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWrite,
        Pooling = pooling,
        DefaultTimeout = Math.Max(1, (int)Math.Ceiling(options.BusyTimeout.TotalSeconds)),
    }.ToString();

    private static void Configure(SqliteConnection writer, string path, SqliteStoreOptions options)
    {
        writer.Execute($"PRAGMA busy_timeout = {(long)options.BusyTimeout.TotalMilliseconds}");
        var mode = writer.ExecuteScalar<string>("PRAGMA journal_mode = WAL");
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            throw new SqliteStoreException(path, $"cannot switch to WAL journal mode (got '{mode}').");
        writer.Execute(options.Synchronous == SqliteSynchronous.Full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
        writer.Execute(CacheSize);
    }

    /// <summary>The schema version recorded in the file.</summary>
    public int SchemaVersion => Read(c => c.ExecuteScalar<int>("SELECT MAX(version) FROM schema_version"));

    /// <summary>The writer connection's <c>PRAGMA synchronous</c> (1: NORMAL, 2: FULL), for tests.</summary>
    internal int WriterSynchronous => _appender.Synchronous;

    /// <inheritdoc />
    public async Task<AppendResult> AppendAsync(StreamName stream, ExpectedVersion expected, IReadOnlyList<NewStreamEvent> events, CancellationToken ct = default) =>
        (await AppendManyAsync([new StreamAppend(stream, expected, events)], ct).ConfigureAwait(false))[0];

    /// <inheritdoc />
    public Task<IReadOnlyList<AppendResult>> AppendManyAsync(IReadOnlyList<StreamAppend> appends, CancellationToken ct = default) =>
        _appender.AppendAsync(appends, ct);

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredEvent>> ReadStreamAsync(StreamName stream, long fromVersion = 0, int maxCount = int.MaxValue, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(Read(c => SqliteEventRows.ReadStream(c, stream, fromVersion, maxCount)));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredEvent>> ReadStreamBackwardAsync(StreamName stream, long? beforePosition, int maxCount,
        IReadOnlyCollection<string>? eventTypes = null, CancellationToken ct = default)
    {
        StoreGuard.CheckBackward(maxCount);
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(Read(c => SqliteEventRows.ReadStreamBackward(c, stream, beforePosition, maxCount, eventTypes)));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredEvent>> ReadAllAsync(long afterPosition = 0, int maxCount = 4096, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(Read(c => SqliteEventRows.ReadAll(c, afterPosition, maxCount)));
    }

    /// <inheritdoc />
    public ValueTask<EventPage> ReadPageAsync(long afterPosition, int maxCount, EventPage? reuse = null, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Read(c => SqliteEventPages.ReadAll(c, afterPosition, maxCount, reuse ?? new EventPage(), Options.BusyTimeout)));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StreamName>> ListStreamsAsync(CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult<IReadOnlyList<StreamName>>(Read(c =>
            c.Query<string>("SELECT name FROM streams ORDER BY stream_id").Select(n => new StreamName(n)).ToList()));
    }

    /// <inheritdoc />
    public Task<long> LastPositionAsync(CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(Read(c => c.ExecuteScalar<long>("SELECT COALESCE(MAX(position), 0) FROM events")));
    }

    /// <inheritdoc />
    public Task SaveSnapshotAsync(StoredSnapshot snapshot, CancellationToken ct = default) =>
        _appender.WriteAsync((c, tx) => SqliteSnapshots.Save(c, tx, snapshot), ct);

    /// <inheritdoc />
    public Task<StoredSnapshot?> LoadSnapshotAsync(string name, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(Read(c => SqliteSnapshots.Load(c, null, name, byPrefix: false).FirstOrDefault()));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredSnapshot>> LoadSnapshotsAsync(string prefix, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(Read(c => SqliteSnapshots.Load(c, null, prefix, byPrefix: true)));
    }

    /// <inheritdoc />
    public Task<CompactionResult> CompactAsync(IReadOnlyList<StreamCut> cuts, CancellationToken ct = default) =>
        _appender.WriteAsync((c, tx) => SqliteSnapshots.Compact(c, tx, cuts), ct);

    /// <summary>32 MiB of page cache per connection (SQLite's default is 2 MiB): the event_id index and long reads stay in memory.</summary>
    private const string CacheSize = "PRAGMA cache_size = -32768";

    private T Read<T>(Func<SqliteConnection, T> query)
    {
        try
        {
            using var c = new SqliteConnection(_readerConnectionString);
            c.Open();
            c.Execute(CacheSize);
            return query(c);
        }
        catch (SqliteException e)
        {
            throw SqliteStoreException.From(Path, e, Options.BusyTimeout);
        }
    }

    /// <summary>Closes the writer connection and releases pooled reader connections.</summary>
    public void Dispose()
    {
        _appender.Dispose();
        using var c = new SqliteConnection(_readerConnectionString);
        SqliteConnection.ClearPool(c);
    }
}
