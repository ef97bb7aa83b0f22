using Dapper;
using Npgsql;
using TmuxAgent.Core.Store.Snapshots;
using TmuxAgent.Core.Store.Compaction;

namespace TmuxAgent.Core.Store.Postgres;

/// <summary>
/// The shared event store for several hosts: tables <c>streams</c>, <c>events</c>, <c>schema_version</c> (and
/// <c>branch_leases</c>) in one PostgreSQL schema. Appends take a transaction-level advisory lock, so they run
/// one at a time across all hosts and global positions are gap-free and become visible in increasing order:
/// a reader tailing <see cref="ReadAllAsync"/> never skips a position. Semantics are those of
/// <see cref="InMemoryEventStore"/>: idempotent per event id, <see cref="WrongExpectedVersionException"/> on
/// conflict, <see cref="AppendManyAsync"/> all or nothing.
/// </summary>
public sealed class PostgresEventStore : ICompactableStore, IDisposable, IAsyncDisposable
{
    private readonly NpgsqlDataSource _source;

    private PostgresEventStore(NpgsqlDataSource source, string server)
    {
        _source = source;
        Server = server;
    }

    /// <summary>Where the store is: <c>postgres://user@host:port/db</c> (no password).</summary>
    public string Server { get; }

    /// <summary>
    /// Connects to the database named by <paramref name="connectionString"/> (URL or key=value form, see
    /// <see cref="PostgresConnectionString"/>) and applies pending schema migrations.
    /// </summary>
    /// <exception cref="FormatException">The connection string is malformed.</exception>
    /// <exception cref="PostgresStoreException">The server is unreachable, refuses the user, or the schema is unusable.</exception>
    public static PostgresEventStore Open(string connectionString)
    {
        var source = PostgresDatabase.OpenMigrated(connectionString, out var server);
        return new PostgresEventStore(source, server);
    }

    /// <summary>The schema version recorded in the database.</summary>
    public int SchemaVersion => Run(() =>
    {
        using var c = _source.OpenConnection();
        return c.ExecuteScalar<int>("SELECT MAX(version) FROM schema_version");
    });

    /// <inheritdoc />
    public async Task<AppendResult> AppendAsync(StreamName stream, ExpectedVersion expected, IReadOnlyList<NewStreamEvent> events, CancellationToken ct = default) =>
        (await AppendManyAsync([new StreamAppend(stream, expected, events)], ct).ConfigureAwait(false))[0];

    /// <inheritdoc />
    public Task<IReadOnlyList<AppendResult>> AppendManyAsync(IReadOnlyList<StreamAppend> appends, CancellationToken ct = default) =>
        RunAsync(() => PostgresAppender.AppendAsync(_source, appends, ct));

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredEvent>> ReadStreamAsync(StreamName stream, long fromVersion = 0, int maxCount = int.MaxValue, CancellationToken ct = default) =>
        RunAsync(() => PostgresEventRows.ReadStreamAsync(_source, stream, fromVersion, maxCount, ct));

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredEvent>> ReadStreamBackwardAsync(StreamName stream, long? beforePosition, int maxCount,
        IReadOnlyCollection<string>? eventTypes = null, CancellationToken ct = default)
    {
        StoreGuard.CheckBackward(maxCount);
        return RunAsync(() => PostgresEventRows.ReadStreamBackwardAsync(_source, stream, beforePosition, maxCount, eventTypes, ct));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredEvent>> ReadAllAsync(long afterPosition = 0, int maxCount = 4096, CancellationToken ct = default) =>
        RunAsync(() => PostgresEventRows.ReadAllAsync(_source, afterPosition, maxCount, ct));

    /// <inheritdoc />
    public async ValueTask<EventPage> ReadPageAsync(long afterPosition, int maxCount, EventPage? reuse = null, CancellationToken ct = default) =>
        await RunAsync(() => PostgresEventRows.ReadPageAsync(_source, afterPosition, maxCount, reuse ?? new EventPage(), ct)).ConfigureAwait(false);

    /// <inheritdoc />
    public Task<IReadOnlyList<StreamName>> ListStreamsAsync(CancellationToken ct = default) => RunAsync<IReadOnlyList<StreamName>>(async () =>
    {
        await using var c = await _source.OpenConnectionAsync(ct).ConfigureAwait(false);
        var names = await c.QueryAsync<string>(new CommandDefinition("SELECT name FROM streams ORDER BY stream_id", cancellationToken: ct)).ConfigureAwait(false);
        return names.Select(n => new StreamName(n)).ToList();
    });

    /// <inheritdoc />
    public Task<long> LastPositionAsync(CancellationToken ct = default) => RunAsync(async () =>
    {
        await using var c = await _source.OpenConnectionAsync(ct).ConfigureAwait(false);
        return await c.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COALESCE(MAX(position), 0) FROM events", cancellationToken: ct)).ConfigureAwait(false);
    });

    /// <inheritdoc />
    public Task SaveSnapshotAsync(StoredSnapshot snapshot, CancellationToken ct = default) => RunAsync(async () =>
    {
        await using var c = await _source.OpenConnectionAsync(ct).ConfigureAwait(false);
        await PostgresSnapshots.SaveAsync(c, null, snapshot, ct).ConfigureAwait(false);
        return true;
    });

    /// <inheritdoc />
    public Task<StoredSnapshot?> LoadSnapshotAsync(string name, CancellationToken ct = default) => RunAsync(async () =>
    {
        await using var c = await _source.OpenConnectionAsync(ct).ConfigureAwait(false);
        return (await PostgresSnapshots.LoadAsync(c, null, name, false, ct).ConfigureAwait(false)).FirstOrDefault();
    });

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredSnapshot>> LoadSnapshotsAsync(string prefix, CancellationToken ct = default) => RunAsync(async () =>
    {
        await using var c = await _source.OpenConnectionAsync(ct).ConfigureAwait(false);
        return await PostgresSnapshots.LoadAsync(c, null, prefix, true, ct).ConfigureAwait(false);
    });

    /// <inheritdoc />
    public Task<CompactionResult> CompactAsync(IReadOnlyList<StreamCut> cuts, CancellationToken ct = default) =>
        RunAsync(() => PostgresSnapshots.CompactAsync(_source, cuts, ct));

    private async Task<T> RunAsync<T>(Func<Task<T>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (NpgsqlException e)
        {
            throw PostgresStoreException.From(Server, e);
        }
    }

    private T Run<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (NpgsqlException e)
        {
            throw PostgresStoreException.From(Server, e);
        }
    }

    /// <summary>Closes the pooled connections.</summary>
    public void Dispose() => _source.Dispose();

    /// <summary>Closes the pooled connections.</summary>
    public ValueTask DisposeAsync() => _source.DisposeAsync();
}
