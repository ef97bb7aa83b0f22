using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using TmuxAgent.Core.Store.Sqlite;

namespace TmuxAgent.Core.Store.Leases;

/// <summary>
/// Branch leases in a SQLite file (normally the event store's own file), table <c>branch_leases</c>. Each call is
/// one <c>BEGIN IMMEDIATE</c> transaction, so processes sharing the file take turns. Useful when several host
/// processes on one machine share a SQLite store; several machines need PostgreSQL (<c>PostgresBranchLeases</c> in TmuxAgent.Core.Postgres).
/// </summary>
public sealed class SqliteBranchLeases : IBranchLeases
{
    private const string Table = """
        CREATE TABLE IF NOT EXISTS branch_leases (
            branch        TEXT    PRIMARY KEY,
            owner         TEXT    NULL,
            acquired_at   TEXT    NULL,  -- ISO 8601, UTC
            expires_at    TEXT    NULL,
            fencing_token INTEGER NOT NULL
        )
        """;

    private readonly string _connectionString;
    private TimeSpan _busyTimeout = TimeSpan.FromSeconds(10);

    private SqliteBranchLeases(string connectionString) => _connectionString = connectionString;

    /// <summary>The database file.</summary>
    public string Path { get; private init; } = "";

    /// <summary>Opens the leases in the SQLite file at <paramref name="path"/>, creating the file and table when missing.</summary>
    /// <param name="path">The database file (the event store's file, or any other).</param>
    /// <param name="busyTimeout">How long a call waits for another process's transaction; 10 s by default.</param>
    public static SqliteBranchLeases Open(string path, TimeSpan? busyTimeout = null)
    {
        var full = System.IO.Path.GetFullPath(path);
        var cs = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling((busyTimeout ?? TimeSpan.FromSeconds(10)).TotalSeconds)),
        }.ToString();
        var leases = new SqliteBranchLeases(cs) { Path = full, _busyTimeout = busyTimeout ?? TimeSpan.FromSeconds(10) };
        leases.Guarded(() =>
        {
            using var c = leases.Connect();
            return c.Execute(Table);
        });
        return leases;
    }

    /// <inheritdoc />
    public Task<BranchLease?> TryAcquireAsync(string branch, string owner, TimeSpan ttl, DateTimeOffset now, CancellationToken ct = default) =>
        Task.FromResult(Update(branch, row => LeaseRules.Acquire(row, owner, ttl, now))?.Lease);

    /// <inheritdoc />
    public Task<BranchLease?> RenewAsync(BranchLease lease, TimeSpan ttl, DateTimeOffset now, CancellationToken ct = default) =>
        Task.FromResult(Update(lease.Branch, row => LeaseRules.Renew(row, lease, ttl, now))?.Lease);

    /// <inheritdoc />
    public Task<IReadOnlyList<BranchLease?>> RenewAllAsync(IReadOnlyList<BranchLease> leases, TimeSpan ttl, DateTimeOffset now, CancellationToken ct = default) =>
        Task.FromResult(Guarded(() =>
        {
            using var c = Connect();
            using var tx = c.BeginTransaction(deferred: false);
            var renewed = leases.Select(l => Write(c, tx, l.Branch, row => LeaseRules.Renew(row, l, ttl, now))?.Lease).ToList();
            tx.Commit();
            return (IReadOnlyList<BranchLease?>)renewed;
        }));

    /// <inheritdoc />
    public Task<bool> ReleaseAsync(BranchLease lease, CancellationToken ct = default) =>
        Task.FromResult(Update(lease.Branch, row => LeaseRules.Release(row, lease)) is not null);

    /// <inheritdoc />
    public Task<BranchLease?> CurrentAsync(string branch, DateTimeOffset now, CancellationToken ct = default) =>
        Task.FromResult(Guarded(() =>
        {
            using var c = Connect();
            return LeaseRules.Current(Read(c, null, branch), now);
        }));

    /// <summary>Runs <paramref name="call"/>; SQLite's errors come out as <see cref="SqliteStoreException"/> naming the
    /// file and what to do (full disk, read-only, locked, corrupt), as the event store's do.</summary>
    private T Guarded<T>(Func<T> call)
    {
        try { return call(); }
        catch (SqliteException e) { throw SqliteStoreException.From(Path, e, _busyTimeout); }
    }

    private LeaseRow? Update(string branch, Func<LeaseRow, LeaseRow?> rule) => Guarded(() => UpdateCore(branch, rule));

    private LeaseRow? UpdateCore(string branch, Func<LeaseRow, LeaseRow?> rule)
    {
        using var c = Connect();
        using var tx = c.BeginTransaction(deferred: false);
        var next = Write(c, tx, branch, rule);
        if (next is not null) tx.Commit();
        return next;
    }

    /// <summary>Applies <paramref name="rule"/> to the branch's row inside <paramref name="tx"/>; null (nothing written) when it refuses.</summary>
    private static LeaseRow? Write(SqliteConnection c, SqliteTransaction tx, string branch, Func<LeaseRow, LeaseRow?> rule)
    {
        var next = rule(Read(c, tx, branch));
        if (next is null) return null;
        c.Execute("""
            INSERT INTO branch_leases (branch, owner, acquired_at, expires_at, fencing_token)
            VALUES (@Branch, @Owner, @AcquiredAt, @ExpiresAt, @FencingToken)
            ON CONFLICT (branch) DO UPDATE SET owner = excluded.owner, acquired_at = excluded.acquired_at,
                expires_at = excluded.expires_at, fencing_token = excluded.fencing_token
            """, new { next.Branch, next.Owner, AcquiredAt = Format(next.AcquiredAt), ExpiresAt = Format(next.ExpiresAt), next.FencingToken }, tx);
        return next;
    }

    private static LeaseRow Read(SqliteConnection c, SqliteTransaction? tx, string branch)
    {
        var row = c.QuerySingleOrDefault<StoredRow>(
            "SELECT owner AS Owner, acquired_at AS AcquiredAt, expires_at AS ExpiresAt, fencing_token AS FencingToken FROM branch_leases WHERE branch = @branch",
            new { branch }, tx);
        return row is null ? LeaseRow.Free(branch) : new LeaseRow(branch, row.Owner, Parse(row.AcquiredAt), Parse(row.ExpiresAt), row.FencingToken);
    }

    internal sealed class StoredRow
    {
        public string? Owner { get; init; }
        public string? AcquiredAt { get; init; }
        public string? ExpiresAt { get; init; }
        public long FencingToken { get; init; }
    }

    private static string? Format(DateTimeOffset? t) => t?.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset? Parse(string? s) => s is null ? null : DateTimeOffset.ParseExact(s, "O", CultureInfo.InvariantCulture);

    private SqliteConnection Connect()
    {
        var c = new SqliteConnection(_connectionString);
        c.Open();
        return c;
    }
}
