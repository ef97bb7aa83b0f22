namespace TmuxAgent.Core.Store.Leases;

/// <summary>
/// The right of one host to act on one branch until <see cref="ExpiresAt"/>. Every new holder of a branch gets a
/// larger <see cref="FencingToken"/> than all holders before it; a renewal keeps the token.
/// </summary>
/// <param name="Branch">The branch.</param>
/// <param name="Owner">Who holds it: a host instance id such as <c>hostname/pid/start-guid</c>.</param>
/// <param name="AcquiredAt">When this holder took it (kept by renewals).</param>
/// <param name="ExpiresAt">When it ends unless renewed.</param>
/// <param name="FencingToken">Grows by one with each new holder of the branch; never reused, also after a release.</param>
public sealed record BranchLease(string Branch, string Owner, DateTimeOffset AcquiredAt, DateTimeOffset ExpiresAt, long FencingToken)
{
    /// <summary>True while the lease has not run out at <paramref name="now"/>.</summary>
    public bool IsHeldAt(DateTimeOffset now) => now < ExpiresAt;

    /// <summary>The time left at <paramref name="now"/> (zero when run out).</summary>
    public TimeSpan RemainingAt(DateTimeOffset now) => now < ExpiresAt ? ExpiresAt - now : TimeSpan.Zero;
}
