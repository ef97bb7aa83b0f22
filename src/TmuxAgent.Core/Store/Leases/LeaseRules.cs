namespace TmuxAgent.Core.Store.Leases;

/// <summary>A branch's lease row as stored: the holder (null owner: free) and the last fencing token handed out.</summary>
/// <param name="Branch">The branch.</param>
/// <param name="Owner">The holder, or null when free.</param>
/// <param name="AcquiredAt">When the holder took it.</param>
/// <param name="ExpiresAt">When it runs out.</param>
/// <param name="FencingToken">The last token handed out for the branch (0: never leased).</param>
public sealed record LeaseRow(string Branch, string? Owner, DateTimeOffset? AcquiredAt, DateTimeOffset? ExpiresAt, long FencingToken)
{
    /// <summary>The row of a branch never leased.</summary>
    public static LeaseRow Free(string branch) => new(branch, null, null, null, 0);

    /// <summary>The lease this row describes, whether or not it has run out; null when free.</summary>
    public BranchLease? Lease => Owner is null ? null : new BranchLease(Branch, Owner, AcquiredAt!.Value, ExpiresAt!.Value, FencingToken);
}

/// <summary>
/// The lease rules, shared by every backend: each backend reads the row under a lock, applies one of these pure
/// functions and writes the new row back. Times are kept in UTC to whole microseconds, what PostgreSQL stores,
/// so every backend returns the same values.
/// </summary>
public static class LeaseRules
{
    /// <summary>The row after <paramref name="owner"/> tries to take it; null when someone else holds it.</summary>
    public static LeaseRow? Acquire(LeaseRow row, string owner, TimeSpan ttl, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        CheckTtl(ttl);
        now = Normalize(now);
        var held = row.Owner is not null && now < row.ExpiresAt;
        if (held && row.Owner != owner) return null;
        return held
            ? row with { ExpiresAt = Normalize(now + ttl) }
            : new LeaseRow(row.Branch, owner, now, Normalize(now + ttl), row.FencingToken + 1);
    }

    /// <summary>The row after renewing <paramref name="lease"/>; null when the lease is lost.</summary>
    public static LeaseRow? Renew(LeaseRow row, BranchLease lease, TimeSpan ttl, DateTimeOffset now)
    {
        CheckTtl(ttl);
        return IsCurrent(row, lease) ? row with { ExpiresAt = Normalize(now + ttl) } : null;
    }

    /// <summary>The row after releasing <paramref name="lease"/> (free, token kept); null when the lease is lost.</summary>
    public static LeaseRow? Release(LeaseRow row, BranchLease lease) =>
        IsCurrent(row, lease) ? row with { Owner = null, AcquiredAt = null, ExpiresAt = null } : null;

    /// <summary>The lease held at <paramref name="now"/>, null when free or run out.</summary>
    public static BranchLease? Current(LeaseRow row, DateTimeOffset now) => row.Lease is { } l && l.IsHeldAt(now) ? l : null;

    /// <summary>UTC, truncated to whole microseconds.</summary>
    public static DateTimeOffset Normalize(DateTimeOffset t)
    {
        var utc = t.ToUniversalTime();
        return utc.AddTicks(-(utc.Ticks % 10));
    }

    private static bool IsCurrent(LeaseRow row, BranchLease lease) => row.Owner == lease.Owner && row.FencingToken == lease.FencingToken;

    private static void CheckTtl(TimeSpan ttl)
    {
        if (ttl <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(ttl), ttl, "A lease needs a positive time to live.");
    }
}
