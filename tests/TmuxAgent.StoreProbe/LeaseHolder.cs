using TmuxAgent.Core.Store;
using TmuxAgent.Core.Store.Leases;

namespace TmuxAgent.StoreProbe;

/// <summary>
/// A host's per-branch loop reduced to the store: hold the branch's lease (renew every ttl/4), and while holding it
/// append one event per turn with the exact expected version (reloading after a new lease or a conflict).
/// </summary>
internal static class LeaseHolder
{
    public static async Task<int> HoldAsync(string store, string branch, string owner, TimeSpan ttl, int count)
    {
        var events = EventStores.Open(store);
        var leases = EventStores.OpenLeases(store);
        var stream = StreamName.ForBranch(branch);
        BranchLease? lease = null;
        long version = -1;
        var appended = 0;
        var saidWaiting = false;
        while (appended < count)
        {
            var now = DateTimeOffset.UtcNow;
            var next = lease is null ? await leases.TryAcquireAsync(branch, owner, ttl, now) : await leases.RenewAsync(lease, ttl, now);
            if (next is null)
            {
                if (lease is not null) Console.WriteLine($"lost {lease.FencingToken}");
                lease = null;
                if (!saidWaiting) Console.WriteLine("waiting");
                saidWaiting = true;
                await Task.Delay(ttl / 4);
                continue;
            }
            if (lease?.FencingToken != next.FencingToken)
            {
                Console.WriteLine($"holding {next.FencingToken}");
                version = (await events.ReadStreamAsync(stream)).Count - 1;
            }
            lease = next;
            try
            {
                var e = new NewStreamEvent($"{owner}-{lease.FencingToken}-{appended}", "probe",
                    $$"""{"owner":"{{owner}}","token":{{lease.FencingToken}}}""", now);
                version = (await events.AppendAsync(stream, version < 0 ? ExpectedVersion.NoStream : ExpectedVersion.Exactly(version), [e])).NextExpectedVersion;
                appended++;
            }
            catch (WrongExpectedVersionException w)
            {
                Console.WriteLine($"conflict at {w.Actual}");
                version = w.Actual;
            }
            await Task.Delay(ttl / 4);
        }
        await leases.ReleaseAsync(lease!);
        Console.WriteLine("done");
        (events as IDisposable)?.Dispose();
        (leases as IDisposable)?.Dispose();
        return 0;
    }
}
