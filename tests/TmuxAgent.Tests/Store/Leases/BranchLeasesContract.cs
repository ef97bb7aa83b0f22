using TmuxAgent.Core.Store.Leases;

namespace TmuxAgent.Tests.Store.Leases;

/// <summary>
/// What every <see cref="IBranchLeases"/> backend guarantees. A backend is tested by a derived fixture that says
/// how to open leases on fresh storage and how to open a second handle on the same storage (another host).
/// Time is a value: the tests move it by hand, nothing sleeps.
/// </summary>
[Category("leases")]
public abstract class BranchLeasesContract
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.FromHours(1));
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);
    private readonly List<IBranchLeases> _handles = [];

    /// <summary>Host A's handle.</summary>
    protected IBranchLeases HostA { get; private set; } = null!;

    /// <summary>Host B's handle on the same storage.</summary>
    protected IBranchLeases HostB { get; private set; } = null!;

    /// <summary>Leases on new, empty storage.</summary>
    protected abstract IBranchLeases CreateLeases();

    /// <summary>Another handle on the storage of the last <see cref="CreateLeases"/>.</summary>
    protected abstract IBranchLeases OpenSecondHandle();

    /// <summary>Removes the storage, after the handles are disposed.</summary>
    protected virtual void DeleteStorage() { }

    [SetUp]
    public void OpenHandles()
    {
        _handles.Clear();
        _handles.Add(HostA = CreateLeases());
        _handles.Add(HostB = OpenSecondHandle());
    }

    [TearDown]
    public void CloseHandles()
    {
        foreach (var h in _handles.Distinct()) (h as IDisposable)?.Dispose();
        DeleteStorage();
    }

    [Test]
    public async Task A_free_branch_is_taken_with_the_first_fencing_token()
    {
        var lease = await HostA.TryAcquireAsync("feature/x", "host-a", Ttl, T0);

        lease.Should().Be(new BranchLease("feature/x", "host-a", T0, T0 + Ttl, 1));
        (await HostB.CurrentAsync("feature/x", T0 + TimeSpan.FromSeconds(1))).Should().Be(lease);
    }

    [Test]
    public async Task Two_owners_contend_and_only_the_first_gets_the_branch()
    {
        var a = await HostA.TryAcquireAsync("feature/x", "host-a", Ttl, T0);
        var b = await HostB.TryAcquireAsync("feature/x", "host-b", Ttl, T0 + TimeSpan.FromSeconds(29));

        a.Should().NotBeNull();
        b.Should().BeNull("host-a holds the branch until {0}", a!.ExpiresAt);
        (await HostB.CurrentAsync("feature/x", T0 + TimeSpan.FromSeconds(29)))!.Owner.Should().Be("host-a");
    }

    [Test]
    public async Task Expiry_lets_the_other_owner_take_over_with_a_larger_fencing_token()
    {
        var a = await HostA.TryAcquireAsync("feature/x", "host-a", Ttl, T0);
        var takeover = T0 + Ttl;

        var b = await HostB.TryAcquireAsync("feature/x", "host-b", Ttl, takeover);

        b.Should().Be(new BranchLease("feature/x", "host-b", takeover, takeover + Ttl, a!.FencingToken + 1));
        (await HostA.RenewAsync(a, Ttl, takeover + TimeSpan.FromSeconds(1))).Should().BeNull("host-b took the branch");
        (await HostA.ReleaseAsync(a)).Should().BeFalse("a lost lease cannot release the new holder's");
        (await HostA.CurrentAsync("feature/x", takeover + TimeSpan.FromSeconds(1)))!.Owner.Should().Be("host-b");
    }

    [Test]
    public async Task Renewing_extends_the_lease_and_keeps_its_token()
    {
        var a = await HostA.TryAcquireAsync("feature/x", "host-a", Ttl, T0);

        var renewed = await HostA.RenewAsync(a!, Ttl, T0 + TimeSpan.FromSeconds(20));

        renewed.Should().Be(a! with { ExpiresAt = T0 + TimeSpan.FromSeconds(50) });
        (await HostB.TryAcquireAsync("feature/x", "host-b", Ttl, T0 + TimeSpan.FromSeconds(40))).Should().BeNull();
    }

    [Test]
    public async Task Renewing_several_at_once_extends_each_held_one_and_answers_null_for_a_lost_one_in_order()
    {
        var x = await HostA.TryAcquireAsync("feature/x", "host-a", Ttl, T0);
        var y = await HostA.TryAcquireAsync("feature/y", "host-a", Ttl, T0);
        var z = await HostA.TryAcquireAsync("feature/z", "host-a", Ttl, T0);
        var takeover = T0 + Ttl;
        var stolen = await HostB.TryAcquireAsync("feature/y", "host-b", Ttl, takeover);

        var renewed = await HostA.RenewAllAsync([z!, y!, x!], Ttl, takeover + TimeSpan.FromSeconds(1));

        renewed.Should().Equal(
            z! with { ExpiresAt = takeover + TimeSpan.FromSeconds(31) },
            null,
            x! with { ExpiresAt = takeover + TimeSpan.FromSeconds(31) });
        (await HostB.CurrentAsync("feature/y", takeover + TimeSpan.FromSeconds(2))).Should().Be(stolen, "the lost lease was not renewed over host-b's");
        (await HostB.TryAcquireAsync("feature/x", "host-b", Ttl, takeover + TimeSpan.FromSeconds(20))).Should().BeNull("x was renewed");
        (await HostA.RenewAllAsync([], Ttl, takeover)).Should().BeEmpty();
    }

    [Test]
    public async Task A_lease_that_ran_out_but_nobody_took_can_still_be_renewed()
    {
        var a = await HostA.TryAcquireAsync("feature/x", "host-a", Ttl, T0);

        var late = await HostA.RenewAsync(a!, Ttl, T0 + TimeSpan.FromMinutes(5));

        late.Should().NotBeNull();
        late!.FencingToken.Should().Be(a!.FencingToken, "nobody else held the branch in between");
    }

    [Test]
    public async Task The_holder_acquiring_again_extends_its_lease_with_the_same_token()
    {
        var first = await HostA.TryAcquireAsync("feature/x", "host-a", Ttl, T0);
        var again = await HostA.TryAcquireAsync("feature/x", "host-a", Ttl, T0 + TimeSpan.FromSeconds(10));

        again.Should().Be(first! with { ExpiresAt = T0 + TimeSpan.FromSeconds(40) });
    }

    [Test]
    public async Task Releasing_frees_the_branch_at_once_and_tokens_keep_growing()
    {
        var a = await HostA.TryAcquireAsync("feature/x", "host-a", Ttl, T0);
        (await HostA.ReleaseAsync(a!)).Should().BeTrue();

        (await HostB.CurrentAsync("feature/x", T0 + TimeSpan.FromSeconds(1))).Should().BeNull();
        var b = await HostB.TryAcquireAsync("feature/x", "host-b", Ttl, T0 + TimeSpan.FromSeconds(1));
        (await HostB.ReleaseAsync(b!)).Should().BeTrue();
        var a2 = await HostA.TryAcquireAsync("feature/x", "host-a", Ttl, T0 + TimeSpan.FromSeconds(2));

        new[] { a!.FencingToken, b!.FencingToken, a2!.FencingToken }.Should().Equal(1, 2, 3);
        (await HostA.RenewAsync(a, Ttl, T0 + TimeSpan.FromSeconds(3))).Should().BeNull("the old lease was released");
    }

    [Test]
    public async Task Branches_are_leased_independently()
    {
        var x = await HostA.TryAcquireAsync("feature/x", "host-a", Ttl, T0);
        var y = await HostB.TryAcquireAsync("feature/y", "host-b", Ttl, T0);

        x!.FencingToken.Should().Be(1);
        y!.FencingToken.Should().Be(1);
        y.Owner.Should().Be("host-b");
    }

    [Test]
    public async Task Many_owners_racing_for_a_free_branch_yield_exactly_one_holder()
    {
        const int racers = 16;
        var handles = new[] { HostA, HostB };

        var results = await Task.WhenAll(Enumerable.Range(0, racers).Select(i =>
            Task.Run(() => handles[i % 2].TryAcquireAsync("feature/race", $"host-{i}", Ttl, T0))));

        var winners = results.Where(r => r is not null).ToList();
        winners.Should().ContainSingle();
        winners[0]!.FencingToken.Should().Be(1);
        (await HostA.CurrentAsync("feature/race", T0))!.Owner.Should().Be(winners[0]!.Owner);
    }

    [Test]
    public async Task Times_come_back_in_utc_to_the_microsecond()
    {
        var odd = T0.AddTicks(1234567);

        var lease = await HostA.TryAcquireAsync("feature/x", "host-a", Ttl, odd);

        lease!.AcquiredAt.Offset.Should().Be(TimeSpan.Zero);
        lease.AcquiredAt.Should().Be(odd.AddTicks(-7));
        (await HostB.CurrentAsync("feature/x", odd)).Should().Be(lease);
    }

    [Test]
    public async Task A_lease_needs_a_positive_time_to_live_and_an_owner()
    {
        await FluentActions.Awaiting(() => HostA.TryAcquireAsync("feature/x", "host-a", TimeSpan.Zero, T0)).Should().ThrowAsync<ArgumentOutOfRangeException>();
        await FluentActions.Awaiting(() => HostA.TryAcquireAsync("feature/x", " ", Ttl, T0)).Should().ThrowAsync<ArgumentException>();
    }
}
