namespace TmuxAgent.Core.Store.Leases;

/// <summary>
/// Leases that let several hosts sharing one store act on a branch one at a time. Time comes in as a value (each
/// host passes its clock); every call is atomic against all other hosts of the same store.
/// How a host uses them together with optimistic concurrency: docs/scale-out.md.
/// </summary>
public interface IBranchLeases
{
    /// <summary>
    /// Takes <paramref name="branch"/> for <paramref name="owner"/> until <paramref name="now"/> + <paramref name="ttl"/>:
    /// when it is free, released or run out (a new, larger fencing token), or already held by <paramref name="owner"/>
    /// (extended, same token). Null when another owner holds it at <paramref name="now"/>.
    /// </summary>
    Task<BranchLease?> TryAcquireAsync(string branch, string owner, TimeSpan ttl, DateTimeOffset now, CancellationToken ct = default);

    /// <summary>
    /// Extends <paramref name="lease"/> to <paramref name="now"/> + <paramref name="ttl"/>, same token. Null when it is
    /// lost: released, or taken by another holder (a lease that ran out but that nobody took can still be renewed —
    /// the unchanged fencing token proves nobody else held the branch in between).
    /// </summary>
    Task<BranchLease?> RenewAsync(BranchLease lease, TimeSpan ttl, DateTimeOffset now, CancellationToken ct = default);

    /// <summary>
    /// Renews every lease of <paramref name="leases"/> as <see cref="RenewAsync"/> does, in one transaction where the
    /// store has them (one write instead of one per branch); the answers are in the same order, null for a lost lease.
    /// </summary>
    async Task<IReadOnlyList<BranchLease?>> RenewAllAsync(IReadOnlyList<BranchLease> leases, TimeSpan ttl, DateTimeOffset now, CancellationToken ct = default)
    {
        var renewed = new BranchLease?[leases.Count];
        for (var i = 0; i < leases.Count; i++) renewed[i] = await RenewAsync(leases[i], ttl, now, ct).ConfigureAwait(false);
        return renewed;
    }

    /// <summary>Gives the branch up so another owner can take it at once; false when the lease was already lost.</summary>
    Task<bool> ReleaseAsync(BranchLease lease, CancellationToken ct = default);

    /// <summary>The lease held on <paramref name="branch"/> at <paramref name="now"/>, or null when it is free.</summary>
    Task<BranchLease?> CurrentAsync(string branch, DateTimeOffset now, CancellationToken ct = default);
}
