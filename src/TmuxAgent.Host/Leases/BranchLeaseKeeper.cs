using Microsoft.Extensions.Logging;
using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Store.Leases;
using TmuxAgent.Host.Observers;

namespace TmuxAgent.Host.Leases;

/// <summary>
/// Branch leases: several hosts on one store act on a branch one at a time. Before acting on a branch the loop
/// renews or takes its lease (<see cref="HoldAsync"/>); a branch another host holds is skipped (its events still
/// reach the board when the loop catches up with the store). A new tenure (fencing token this host did not act under)
/// reloads the branch from its stream first. Leases are released on a clean stop so another host takes over at once;
/// a killed host's leases run out after <see cref="LeaseTtl"/>. See docs/scale-out.md.
/// </summary>
/// <param name="leases">The leases of the store.</param>
/// <param name="hostId">This host's owner id.</param>
/// <param name="ttl">How long a lease lasts unless renewed.</param>
/// <param name="reload">Reads a branch again from its stream (at a new tenure).</param>
/// <param name="observers">Told who holds each branch.</param>
/// <param name="time">The clock.</param>
/// <param name="log">The log.</param>
public sealed class BranchLeaseKeeper(IBranchLeases leases, string hostId, TimeSpan ttl, Func<string, CancellationToken, Task<BranchState>> reload,
    ObserverSet observers, TimeProvider time, ILogger log)
{
    private readonly IBranchLeases _leases = leases;
    private readonly ObserverSet _observers = observers;
    private readonly ILogger _log = log;
    private readonly Dictionary<string, BranchLease> _held = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _holderReported = new(StringComparer.Ordinal);

    /// <summary>This host's owner id in the leases (<c>host_id</c>, <c>--host-id</c>, or <c>hostname/pid/random</c>).</summary>
    public string HostId { get; } = hostId;

    /// <summary>How long a lease lasts unless renewed.</summary>
    public TimeSpan LeaseTtl { get; } = ttl;

    private DateTimeOffset Now => time.GetUtcNow();

    /// <summary>The branches this host holds right now (as far as it knows), with their fencing tokens.</summary>
    public IReadOnlyDictionary<string, long> HeldBranches => _held.ToDictionary(h => h.Key, h => h.Value.FencingToken, StringComparer.Ordinal);

    /// <summary>Takes the lease of <paramref name="branch"/>, or renews it once half of it is used. False when another host holds it. When this host
    /// starts a new tenure (it did not hold the branch under this fencing token), the branch is reloaded from its stream.</summary>
    public async Task<bool> HoldAsync(string branch, CancellationToken ct)
    {
        var now = Now;
        _held.TryGetValue(branch, out var before);
        // A lease with more than half its time left cannot have been taken (no host takes an unexpired lease from a live
        // one), so it is used as it is: renewing it at every visit would cost one store write per branch per cycle.
        var lease = before is null ? null
            : !IsDue(before, now) ? before
            : await RenewOrForgetAsync(before, now, "was lost to another host", ct).ConfigureAwait(false);
        lease ??= await _leases.TryAcquireAsync(branch, HostId, LeaseTtl, now, ct).ConfigureAwait(false)
                  ?? await TakeFromGoneLocalHostAsync(branch, now, ct).ConfigureAwait(false);
        if (lease is null)
        {
            await ReportHolderAsync(branch, now, ct).ConfigureAwait(false);
            return false;
        }
        _holderReported.Remove(branch);
        _held[branch] = lease;
        if (before?.FencingToken != lease.FencingToken)
        {
            _observers.Notify(o => o.LeaseHolderSeen(branch, HostId, thisHost: true));
            var state = await reload(branch, ct).ConfigureAwait(false);
            _log.LogInformation("{Branch}: lease taken (token {Token}, until {Until:O}); reloaded, {Events} events", branch,
                lease.FencingToken, lease.ExpiresAt, state.EventCount);
        }
        return true;
    }

    /// <summary>Whether this host still holds <paramref name="branch"/> (renewing it); checked again after a slow
    /// decision, before its outcome is recorded.</summary>
    public async Task<bool> StillHoldsAsync(string branch) =>
        _held.TryGetValue(branch, out var lease)
        && await RenewOrForgetAsync(lease, Now, "lost during the decision; its outcome is dropped", CancellationToken.None).ConfigureAwait(false) is not null;

    /// <summary>Renews every held lease that has used up half of its time, so a long cycle does not lose them: all in one
    /// store transaction (leases taken in the same cycle come due together).</summary>
    public async Task KeepAsync(CancellationToken ct)
    {
        var now = Now;
        var due = _held.Values.Where(l => IsDue(l, now)).ToList();
        if (due.Count == 0) return;
        var renewed = await _leases.RenewAllAsync(due, LeaseTtl, now, ct).ConfigureAwait(false);
        for (var i = 0; i < due.Count; i++)
        {
            if (renewed[i] is { } lease) _held[lease.Branch] = lease;
            else Forget(due[i], "was lost to another host");
        }
    }

    /// <summary>Whether a held <paramref name="lease"/> is to be renewed: half of its time is used.</summary>
    private bool IsDue(BranchLease lease, DateTimeOffset now) => lease.RemainingAt(now) <= LeaseTtl / 2;

    /// <summary>Renews a held <paramref name="lease"/> and keeps the renewed one; when it was lost, forgets it and logs
    /// <paramref name="lost"/>. Null when lost.</summary>
    private async Task<BranchLease?> RenewOrForgetAsync(BranchLease lease, DateTimeOffset now, string lost, CancellationToken ct)
    {
        if (await _leases.RenewAsync(lease, LeaseTtl, now, ct).ConfigureAwait(false) is { } renewed)
            return _held[lease.Branch] = renewed;
        Forget(lease, lost);
        return null;
    }

    private void Forget(BranchLease lease, string lost)
    {
        _held.Remove(lease.Branch);
        _observers.Notify(o => o.LeaseHolderSeen(lease.Branch, null, thisHost: false));
        _log.LogWarning("{Branch}: lease (token {Token}) {Lost}", lease.Branch, lease.FencingToken, lost);
    }

    /// <summary>Gives up <paramref name="branch"/> (its pane is not visible from this host) so a host that sees it can take it.</summary>
    public async Task LetGoAsync(string branch)
    {
        if (!_held.Remove(branch, out var lease)) return;
        _observers.Notify(o => o.LeaseHolderSeen(branch, null, thisHost: false));
        await _leases.ReleaseAsync(lease, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Releases every lease this host holds (clean stop): other hosts take the branches at their next cycle.</summary>
    public async Task ReleaseAllAsync()
    {
        foreach (var lease in _held.Values.ToList())
        {
            try
            {
                await _leases.ReleaseAsync(lease, CancellationToken.None).ConfigureAwait(false);
                _observers.Notify(o => o.LeaseHolderSeen(lease.Branch, null, thisHost: false));
                _log.LogInformation("{Branch}: lease released (token {Token})", lease.Branch, lease.FencingToken);
            }
            catch (Exception e) when (Store.StoreFault.Is(e))
            {
                _log.LogWarning("{Branch}: lease not released ({Message}); it runs out in {Ttl}", lease.Branch, e.Message, LeaseTtl);
            }
        }
        _held.Clear();
    }

    /// <summary>A holder that was a process on this machine and no longer runs (kill -9, crash, a restart of this host)
    /// acts on nothing: its lease is released and taken now rather than after it runs out.</summary>
    private async Task<BranchLease?> TakeFromGoneLocalHostAsync(string branch, DateTimeOffset now, CancellationToken ct)
    {
        if (await _leases.CurrentAsync(branch, now, ct).ConfigureAwait(false) is not { } current || !HostIdentity.IsGoneLocalProcess(current.Owner))
            return null;
        await _leases.ReleaseAsync(current, ct).ConfigureAwait(false);
        _log.LogInformation("{Branch}: holder {Owner} (token {Token}) no longer runs on this machine; its lease is released", branch, current.Owner, current.FencingToken);
        return await _leases.TryAcquireAsync(branch, HostId, LeaseTtl, now, ct).ConfigureAwait(false);
    }

    private async Task ReportHolderAsync(string branch, DateTimeOffset now, CancellationToken ct)
    {
        var holder = (await _leases.CurrentAsync(branch, now, ct).ConfigureAwait(false))?.Owner ?? "another host";
        if (_holderReported.GetValueOrDefault(branch) == holder) return;
        _holderReported[branch] = holder;
        _observers.Notify(o => o.LeaseHolderSeen(branch, holder, thisHost: false));
        _log.LogInformation("{Branch}: held by {Holder}; skipped while that host renews its lease", branch, holder);
    }
}
