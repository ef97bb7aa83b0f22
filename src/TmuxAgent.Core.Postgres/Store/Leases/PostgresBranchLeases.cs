using Npgsql;
using TmuxAgent.Core.Store.Postgres;

namespace TmuxAgent.Core.Store.Leases;

/// <summary>
/// Branch leases in the PostgreSQL store's database, table <c>branch_leases</c> (created by the store's
/// migrations). Each call is one transaction that locks the branch's row (<c>SELECT … FOR UPDATE</c>), so hosts
/// on different machines take turns per branch and never wait for other branches.
/// </summary>
public sealed class PostgresBranchLeases : IBranchLeases, IDisposable, IAsyncDisposable
{
    private readonly NpgsqlDataSource _source;

    private PostgresBranchLeases(NpgsqlDataSource source, string server)
    {
        _source = source;
        Server = server;
    }

    /// <summary>Where the leases are (no password).</summary>
    public string Server { get; }

    /// <summary>Connects like <see cref="PostgresEventStore.Open"/> (same connection string, same migrations).</summary>
    /// <exception cref="FormatException">The connection string is malformed.</exception>
    /// <exception cref="PostgresStoreException">The server is unreachable, refuses the user, or the schema is unusable.</exception>
    public static PostgresBranchLeases Open(string connectionString)
    {
        var source = PostgresDatabase.OpenMigrated(connectionString, out var server);
        return new PostgresBranchLeases(source, server);
    }

    /// <inheritdoc />
    public async Task<BranchLease?> TryAcquireAsync(string branch, string owner, TimeSpan ttl, DateTimeOffset now, CancellationToken ct = default) =>
        (await UpdateAsync(branch, row => LeaseRules.Acquire(row, owner, ttl, now), ct).ConfigureAwait(false))?.Lease;

    /// <inheritdoc />
    public async Task<BranchLease?> RenewAsync(BranchLease lease, TimeSpan ttl, DateTimeOffset now, CancellationToken ct = default) =>
        (await UpdateAsync(lease.Branch, row => LeaseRules.Renew(row, lease, ttl, now), ct).ConfigureAwait(false))?.Lease;

    /// <inheritdoc />
    public async Task<IReadOnlyList<BranchLease?>> RenewAllAsync(IReadOnlyList<BranchLease> leases, TimeSpan ttl, DateTimeOffset now, CancellationToken ct = default)
    {
        try
        {
            await using var c = await _source.OpenConnectionAsync(ct).ConfigureAwait(false);
            await using var tx = await c.BeginTransactionAsync(ct).ConfigureAwait(false);
            var renewed = new BranchLease?[leases.Count];
            // Rows are locked in branch order, so two hosts renewing overlapping sets cannot deadlock.
            foreach (var i in Enumerable.Range(0, leases.Count).OrderBy(i => leases[i].Branch, StringComparer.Ordinal))
                renewed[i] = (await WriteAsync(c, tx, leases[i].Branch, row => LeaseRules.Renew(row, leases[i], ttl, now), ct).ConfigureAwait(false))?.Lease;
            await tx.CommitAsync(ct).ConfigureAwait(false);
            return renewed;
        }
        catch (NpgsqlException e)
        {
            throw PostgresStoreException.From(Server, e);
        }
    }

    /// <inheritdoc />
    public async Task<bool> ReleaseAsync(BranchLease lease, CancellationToken ct = default) =>
        await UpdateAsync(lease.Branch, row => LeaseRules.Release(row, lease), ct).ConfigureAwait(false) is not null;

    /// <inheritdoc />
    public async Task<BranchLease?> CurrentAsync(string branch, DateTimeOffset now, CancellationToken ct = default)
    {
        try
        {
            await using var c = await _source.OpenConnectionAsync(ct).ConfigureAwait(false);
            return LeaseRules.Current(await ReadAsync(c, null, branch, forUpdate: false, ct).ConfigureAwait(false), now);
        }
        catch (NpgsqlException e)
        {
            throw PostgresStoreException.From(Server, e);
        }
    }

    private async Task<LeaseRow?> UpdateAsync(string branch, Func<LeaseRow, LeaseRow?> rule, CancellationToken ct)
    {
        try
        {
            await using var c = await _source.OpenConnectionAsync(ct).ConfigureAwait(false);
            await using var tx = await c.BeginTransactionAsync(ct).ConfigureAwait(false);
            var next = await WriteAsync(c, tx, branch, rule, ct).ConfigureAwait(false);
            if (next is not null) await tx.CommitAsync(ct).ConfigureAwait(false);
            return next;
        }
        catch (NpgsqlException e)
        {
            throw PostgresStoreException.From(Server, e);
        }
    }

    /// <summary>Locks the branch's row and applies <paramref name="rule"/> inside <paramref name="tx"/>; null (nothing
    /// written) when it refuses.</summary>
    private static async Task<LeaseRow?> WriteAsync(NpgsqlConnection c, NpgsqlTransaction tx, string branch, Func<LeaseRow, LeaseRow?> rule, CancellationToken ct)
    {
        await using (var ensure = new NpgsqlCommand(
                         "INSERT INTO branch_leases (branch, fencing_token) VALUES ($1, 0) ON CONFLICT (branch) DO NOTHING", c, tx))
        {
            ensure.Parameters.Add(new NpgsqlParameter<string> { TypedValue = branch });
            await ensure.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        var next = rule(await ReadAsync(c, tx, branch, forUpdate: true, ct).ConfigureAwait(false));
        if (next is null) return null;
        await using (var write = new NpgsqlCommand(
                         "UPDATE branch_leases SET owner = $2, acquired_at = $3, expires_at = $4, fencing_token = $5 WHERE branch = $1", c, tx))
        {
            write.Parameters.Add(new NpgsqlParameter<string> { TypedValue = branch });
            write.Parameters.Add(new NpgsqlParameter { Value = (object?)next.Owner ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            write.Parameters.Add(Timestamp(next.AcquiredAt));
            write.Parameters.Add(Timestamp(next.ExpiresAt));
            write.Parameters.Add(new NpgsqlParameter<long> { TypedValue = next.FencingToken });
            await write.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        return next;
    }

    private static async Task<LeaseRow> ReadAsync(NpgsqlConnection c, NpgsqlTransaction? tx, string branch, bool forUpdate, CancellationToken ct)
    {
        var sql = "SELECT owner, acquired_at, expires_at, fencing_token FROM branch_leases WHERE branch = $1" + (forUpdate ? " FOR UPDATE" : "");
        await using var cmd = new NpgsqlCommand(sql, c, tx);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = branch });
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        if (!await r.ReadAsync(ct).ConfigureAwait(false)) return LeaseRow.Free(branch);
        DateTimeOffset? At(int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateTimeOffset>(i);
        return new LeaseRow(branch, r.IsDBNull(0) ? null : r.GetString(0), At(1), At(2), r.GetInt64(3));
    }

    private static NpgsqlParameter Timestamp(DateTimeOffset? t) =>
        new() { Value = t is { } v ? v.ToUniversalTime() : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz };

    /// <summary>Closes the pooled connections.</summary>
    public void Dispose() => _source.Dispose();

    /// <summary>Closes the pooled connections.</summary>
    public ValueTask DisposeAsync() => _source.DisposeAsync();
}
