namespace TmuxAgent.Core.Store.Leases;

/// <summary>Branch leases in memory, for tests and a single host with <see cref="InMemoryEventStore"/>. Thread-safe.</summary>
public sealed class InMemoryBranchLeases : IBranchLeases
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LeaseRow> _rows = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<BranchLease?> TryAcquireAsync(string branch, string owner, TimeSpan ttl, DateTimeOffset now, CancellationToken ct = default) =>
        Task.FromResult(Update(branch, row => LeaseRules.Acquire(row, owner, ttl, now))?.Lease);

    /// <inheritdoc />
    public Task<BranchLease?> RenewAsync(BranchLease lease, TimeSpan ttl, DateTimeOffset now, CancellationToken ct = default) =>
        Task.FromResult(Update(lease.Branch, row => LeaseRules.Renew(row, lease, ttl, now))?.Lease);

    /// <inheritdoc />
    public Task<bool> ReleaseAsync(BranchLease lease, CancellationToken ct = default) =>
        Task.FromResult(Update(lease.Branch, row => LeaseRules.Release(row, lease)) is not null);

    /// <inheritdoc />
    public Task<BranchLease?> CurrentAsync(string branch, DateTimeOffset now, CancellationToken ct = default)
    {
        lock (_gate) return Task.FromResult(LeaseRules.Current(_rows.GetValueOrDefault(branch) ?? LeaseRow.Free(branch), now));
    }

    private LeaseRow? Update(string branch, Func<LeaseRow, LeaseRow?> rule)
    {
        lock (_gate)
        {
            var next = rule(_rows.GetValueOrDefault(branch) ?? LeaseRow.Free(branch));
            if (next is not null) _rows[branch] = next;
            return next;
        }
    }
}
