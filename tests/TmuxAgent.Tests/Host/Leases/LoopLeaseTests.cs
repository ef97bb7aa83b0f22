using Microsoft.Extensions.Logging.Abstractions;
using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;
using TmuxAgent.Core.Serialization;
using TmuxAgent.Core.Store;
using TmuxAgent.Tests.Store;
using TmuxAgent.Core.Store.Leases;
using TmuxAgent.Host;
using TmuxAgent.Host.Decisions;
using TmuxAgent.Host.Observers;
using TmuxAgent.Tests.Host.Loop;

namespace TmuxAgent.Tests.Host.Leases;

/// <summary>Two loops (two hosts) over one in-memory store and one set of leases, real tmux panes: only the lease
/// holder acts on a branch; the other folds its events, takes over on release or expiry, and records approvals.</summary>
[Category("tmux")]
public class LoopLeaseTests
{
    private const string Branch = "lease/a";
    private const string Session = "agent-lease-a";
    private LoopHarness _h = null!;
    private InMemoryBranchLeases _leases = null!;
    private ManualClock _clock = null!;

    [SetUp]
    public void SetUp()
    {
        _leases = new InMemoryBranchLeases();
        _clock = new ManualClock(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
        _handedOut = 0;
        _h = new LoopHarness();
        _h.Tmux.NewSession(Session);
    }

    [TearDown] public void TearDown() => _h.Dispose();

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed record Host(OrchestratorLoop Loop, ScriptedSource Source, ApprovalInbox Inbox);

    /// <summary>Commands handed out once each, whichever host asks: "echo lease-1", "echo lease-2", ….</summary>
    private int _handedOut;

    private async Task<Host> StartAsync(string id, string risk = "low", string extra = "", IEventStore? store = null, string? tmuxSocket = null,
        IBranchLeases? leases = null, IOrchestratorObserver? observer = null)
    {
        var config = _h.Config("lease_ttl_seconds = 30\n" + extra + LoopHarness.Task(Branch));
        var source = new ScriptedSource(_ => new Decision("next", [CommandSpec.Of($"echo lease-{++_handedOut}-$((6*7))", risk)]));
        var agent = tmuxSocket is null ? _h.Agent
            : _h.Agent with { Hosts = [new TmuxAgent.Host.Config.HostConfig("local", null, new TmuxAgent.Host.Config.TmuxHostConfig { Socket = tmuxSocket })] };
        var settings = new LoopSettings(config, agent, false, _h.Dir[$"{id}/audit.jsonl"], _h.Dir[$"{id}/offsets.json"], source, HostId: id);
        var inbox = new ApprovalInbox();
        var loop = new OrchestratorLoop(settings, store ?? _h.Store, observer is null ? [] : [observer], inbox, NullLogger.Instance, _clock, leases ?? _leases);
        await loop.LoadAsync();
        return new Host(loop, source, inbox);
    }

    private async Task<List<BranchEvent>> StoredAsync() =>
        (await _h.Store.ReadAllAsync(0, int.MaxValue)).Select(EventSerializer.FromStored).ToList();

    private async Task<long> StreamLengthAsync() => (await _h.Store.ReadStreamAsync(StreamName.ForBranch(Branch))).Count;

    private async Task WaitUntilIdleAsync()
    {
        (await TmuxServer.WaitFor(() => _h.Tmux.CurrentCommand(Session) == "bash", 20)).Should().BeTrue();
    }

    [Test]
    public async Task A_held_lease_is_not_written_at_every_visit_but_renewed_in_one_batch_once_half_of_it_is_used()
    {
        var counted = new CountingLeases(_leases);
        var a = await StartAsync("host-a", leases: counted);
        var start = _clock.Now;

        await a.Loop.RunCycleAsync(CancellationToken.None);
        var lease = await _leases.CurrentAsync(Branch, _clock.Now);
        foreach (var seconds in new[] { 5, 10, 15 })
        {
            await WaitUntilIdleAsync();
            _clock.Now = start + TimeSpan.FromSeconds(seconds);
            await a.Loop.RunCycleAsync(CancellationToken.None);
        }

        counted.Renewals.Should().Be(a.Source.Calls, "a visit uses the held lease as it is; only a finished decision checks it again");
        counted.Batches.Should().BeEmpty("the lease never had less than half of its 30 s left");

        // The last decision (at 15 s) renewed it until 45 s; at 31 s less than half is left.
        await WaitUntilIdleAsync();
        _clock.Now = start + TimeSpan.FromSeconds(31);
        await a.Loop.RunCycleAsync(CancellationToken.None);

        counted.Batches.Should().ContainSingle().Which.Should().Equal(Branch);
        counted.Renewals.Should().Be(a.Source.Calls);
        (await _leases.CurrentAsync(Branch, _clock.Now))!.ExpiresAt.Should().BeOnOrAfter(start + TimeSpan.FromSeconds(61));
        (await _leases.CurrentAsync(Branch, _clock.Now))!.FencingToken.Should().Be(lease!.FencingToken);
    }

    [Test]
    public async Task Each_host_shows_who_holds_the_branch_and_forgets_it_when_released()
    {
        OrchestratorStatus statusA = new(), statusB = new();
        var a = await StartAsync("host-a", observer: statusA);
        var b = await StartAsync("host-b", observer: statusB);

        await a.Loop.RunCycleAsync(CancellationToken.None);
        await b.Loop.RunCycleAsync(CancellationToken.None);

        statusA.Current.LeaseHolders.Should().Equal(new Dictionary<string, LeaseHolder> { [Branch] = new("host-a", true) });
        statusB.Current.LeaseHolders.Should().Equal(new Dictionary<string, LeaseHolder> { [Branch] = new("host-a", false) });

        await a.Loop.ReleaseLeasesAsync();
        await WaitUntilIdleAsync();
        await b.Loop.RunCycleAsync(CancellationToken.None);

        statusA.Current.LeaseHolders.Should().BeEmpty("host-a gave the branch up");
        statusB.Current.LeaseHolders.Should().Equal(new Dictionary<string, LeaseHolder> { [Branch] = new("host-b", true) });
    }

    /// <summary>Counts the renewals a loop asks for.</summary>
    private sealed class CountingLeases(IBranchLeases inner) : IBranchLeases
    {
        public int Renewals { get; private set; }
        public List<List<string>> Batches { get; } = [];

        public Task<BranchLease?> TryAcquireAsync(string branch, string owner, TimeSpan ttl, DateTimeOffset now, CancellationToken ct = default) =>
            inner.TryAcquireAsync(branch, owner, ttl, now, ct);

        public Task<BranchLease?> RenewAsync(BranchLease lease, TimeSpan ttl, DateTimeOffset now, CancellationToken ct = default)
        {
            Renewals++;
            return inner.RenewAsync(lease, ttl, now, ct);
        }

        public Task<IReadOnlyList<BranchLease?>> RenewAllAsync(IReadOnlyList<BranchLease> leases, TimeSpan ttl, DateTimeOffset now, CancellationToken ct = default)
        {
            Batches.Add(leases.Select(l => l.Branch).ToList());
            return inner.RenewAllAsync(leases, ttl, now, ct);
        }

        public Task<bool> ReleaseAsync(BranchLease lease, CancellationToken ct = default) => inner.ReleaseAsync(lease, ct);

        public Task<BranchLease?> CurrentAsync(string branch, DateTimeOffset now, CancellationToken ct = default) => inner.CurrentAsync(branch, now, ct);
    }

    [Test]
    public async Task Only_the_holder_acts_and_the_other_host_folds_its_events_into_its_board()
    {
        var a = await StartAsync("host-a");
        var b = await StartAsync("host-b");

        await a.Loop.RunCycleAsync(CancellationToken.None);
        await b.Loop.RunCycleAsync(CancellationToken.None);

        a.Loop.HeldBranches.Should().Equal(new Dictionary<string, long> { [Branch] = 1 });
        b.Loop.HeldBranches.Should().BeEmpty();
        a.Source.Calls.Should().Be(1);
        b.Source.Calls.Should().Be(0, "the host without the lease does not ask for decisions");
        (await StoredAsync()).OfType<CommandDispatched>().Should().ContainSingle();
        b.Loop.Board.VersionOf(Branch).Should().Be(ExpectedVersion.AfterCount(await StreamLengthAsync()), "B's board caught up with A's events");
        b.Loop.Board[Branch].Should().BeEquivalentTo(a.Loop.Board[Branch]);
    }

    [Test]
    public async Task A_clean_stop_hands_the_branch_over_at_once_and_the_new_holder_continues_from_the_store()
    {
        var a = await StartAsync("host-a");
        var b = await StartAsync("host-b");
        await a.Loop.RunCycleAsync(CancellationToken.None);
        await WaitUntilIdleAsync();

        await a.Loop.ReleaseLeasesAsync();
        await b.Loop.RunCycleAsync(CancellationToken.None);
        await WaitUntilIdleAsync();
        await a.Loop.RunCycleAsync(CancellationToken.None);

        b.Loop.HeldBranches.Should().Equal(new Dictionary<string, long> { [Branch] = 2 });
        a.Loop.HeldBranches.Should().BeEmpty("B holds the branch now");
        var dispatched = (await StoredAsync()).OfType<CommandDispatched>().ToList();
        dispatched.Select(d => d.Spec.Text).Should().Equal("echo lease-1-$((6*7))", "echo lease-2-$((6*7))");
        dispatched.GroupBy(d => d.CommandId).Should().OnlyContain(g => g.Count() == 1);
        var pane = _h.Tmux.Capture(Session);
        pane.Split('\n').Count(l => l.TrimEnd() == "lease-1-42").Should().Be(1);
        pane.Split('\n').Count(l => l.TrimEnd() == "lease-2-42").Should().Be(1);
        b.Loop.Board.VersionOf(Branch).Should().Be(ExpectedVersion.AfterCount(await StreamLengthAsync()));
    }

    [Test]
    public async Task A_lease_that_is_not_renewed_is_taken_once_its_time_has_run_out()
    {
        var a = await StartAsync("host-a");
        var b = await StartAsync("host-b");
        await a.Loop.RunCycleAsync(CancellationToken.None);
        await WaitUntilIdleAsync();

        _clock.Now += TimeSpan.FromSeconds(29);
        await b.Loop.RunCycleAsync(CancellationToken.None);
        b.Loop.HeldBranches.Should().BeEmpty("A's lease has a second left");

        _clock.Now += TimeSpan.FromSeconds(2);
        await b.Loop.RunCycleAsync(CancellationToken.None);
        b.Loop.HeldBranches.Should().Equal(new Dictionary<string, long> { [Branch] = 2 });
        b.Source.Calls.Should().Be(1);

        await a.Loop.RunCycleAsync(CancellationToken.None);
        a.Loop.HeldBranches.Should().BeEmpty("A lost its lease and does not act");
        a.Source.Calls.Should().Be(1);
    }

    [Test]
    public async Task A_host_that_cannot_see_the_pane_lets_the_branch_go_to_one_that_can()
    {
        var blind = await StartAsync("host-blind", tmuxSocket: "ta-test-none-" + Guid.NewGuid().ToString("N")[..8]);
        var b = await StartAsync("host-b");

        await blind.Loop.RunCycleAsync(CancellationToken.None);
        blind.Loop.HeldBranches.Should().BeEmpty("the session is not on its tmux server: the lease is released");
        await b.Loop.RunCycleAsync(CancellationToken.None);

        b.Loop.HeldBranches.Should().ContainKey(Branch);
        b.Source.Calls.Should().Be(1);
        (await StoredAsync()).OfType<CommandDispatched>().Should().ContainSingle();
    }

    [Test]
    public async Task An_approval_given_to_the_host_without_the_lease_is_recorded_and_the_holder_dispatches_it_once()
    {
        var a = await StartAsync("host-a", risk: "high");
        var b = await StartAsync("host-b", risk: "high");
        await a.Loop.RunCycleAsync(CancellationToken.None);
        var pending = (await StoredAsync()).OfType<ConfirmationRequested>().Single();

        var applied = b.Inbox.SubmitAsync(new ApprovalRequest(Branch, pending.CommandId, null, true, "carol", "portal", null));
        await b.Loop.RunCycleAsync(CancellationToken.None);
        (await applied).Should().Be(ApprovalResult.Applied);
        var afterB = await StoredAsync();
        afterB.OfType<ConfirmationApproved>().Should().ContainSingle(c => c.CommandId == pending.CommandId && c.Who == "carol");
        afterB.OfType<CommandQueued>().Should().ContainSingle(q => q.CommandId == pending.CommandId && q.Reason == QueueReasons.Approved,
            "B does not hold the branch: it records the approval and leaves the dispatch to the holder");
        afterB.OfType<CommandDispatched>().Should().BeEmpty();

        await a.Loop.RunCycleAsync(CancellationToken.None);
        (await StoredAsync()).OfType<CommandDispatched>().Should().ContainSingle(d => d.CommandId == pending.CommandId);
        (await TmuxServer.WaitFor(() => _h.Tmux.Capture(Session).Contains("\nlease-1-42"))).Should().BeTrue();
        var again = b.Inbox.SubmitAsync(new ApprovalRequest(Branch, pending.CommandId, null, true, "carol", "portal", null));
        await b.Loop.RunCycleAsync(CancellationToken.None);
        (await again).Should().Be(ApprovalResult.NotPending, "B knows the command from A's events");
    }

    [Test]
    public async Task An_approval_that_meets_a_newer_stream_is_decided_again_on_the_reloaded_branch_not_lost()
    {
        var a = await StartAsync("host-a", risk: "high");
        await a.Loop.RunCycleAsync(CancellationToken.None);
        var pending = (await StoredAsync()).OfType<ConfirmationRequested>().Single();
        var racing = new RacingStore(_h.Store);
        var b = await StartAsync("host-b", risk: "high", store: racing);
        racing.Arm(1, AppendElsewhereAsync);   // another writer appends between B's read and B's append

        var applied = b.Inbox.SubmitAsync(new ApprovalRequest(Branch, pending.CommandId, null, true, "dave", "portal", null));
        await b.Loop.RunCycleAsync(CancellationToken.None);

        racing.Fired.Should().BeTrue();
        (await applied).Should().Be(ApprovalResult.Applied);
        var stored = await StoredAsync();
        stored.OfType<DecisionRequested>().Should().Contain(d => d.DecisionId == "dec-race");
        stored.OfType<ConfirmationApproved>().Should().ContainSingle(c => c.CommandId == pending.CommandId);
    }

    [Test]
    public async Task A_dispatch_the_store_refuses_is_never_typed()
    {
        var racing = new RacingStore(_h.Store);
        var b = await StartAsync("host-b", store: racing);
        racing.Arm(3, AppendElsewhereAsync);   // TaskPlanned, DecisionRequested, then the decision with its dispatch

        await b.Loop.RunCycleAsync(CancellationToken.None);

        racing.Fired.Should().BeTrue();
        b.Source.Calls.Should().Be(1);
        (await StoredAsync()).OfType<CommandDispatched>().Should().BeEmpty("the decision's append was refused");
        _h.Tmux.Capture(Session).Should().NotContain("lease-1", "only a recorded dispatch is typed");
    }

    /// <summary>Another writer's event on the branch (a decision request), appended at the stream's current end.</summary>
    private async Task AppendElsewhereAsync()
    {
        var repository = new BranchRepository(_h.Store);
        var state = await repository.LoadAsync(Branch);
        await repository.AppendAsync(state, [new DecisionRequested("dec-race") { Branch = Branch, At = _clock.Now }]);
    }

    /// <summary>A store that runs an action just before its n-th append (a writer racing this host).</summary>
    private sealed class RacingStore(IEventStore inner) : PassThroughStore(inner)
    {
        private int _countdown;
        private Func<Task>? _race;

        public bool Fired { get; private set; }

        public void Arm(int nthAppend, Func<Task> race) => (_countdown, _race) = (nthAppend, race);

        public override async Task<AppendResult> AppendAsync(StreamName stream, ExpectedVersion expected, IReadOnlyList<NewStreamEvent> events, CancellationToken ct = default)
        {
            if (_race is not null && --_countdown == 0)
            {
                Fired = true;
                await _race();
            }
            return await Inner.AppendAsync(stream, expected, events, ct);
        }
    }
}
