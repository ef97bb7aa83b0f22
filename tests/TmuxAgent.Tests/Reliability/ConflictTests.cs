using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;
using TmuxAgent.Core.Store;
using TmuxAgent.Tests.Store;
using TmuxAgent.Host;
using TmuxAgent.Host.Application;
using TmuxAgent.Host.Metrics;
using TmuxAgent.Host.Observers;
using TmuxAgent.Tests.Host.Loop;

namespace TmuxAgent.Tests.Reliability;

/// <summary>Another writer that always appends first: a conflict, reported as one, never as an event store outage.</summary>
[Category("tmux")]
public class ConflictTests
{
    private const string Branch = "demo/race";
    private LoopHarness _h = null!;

    [SetUp] public void SetUp() => _h = new LoopHarness();
    [TearDown] public void TearDown() => _h.Dispose();

    [Test]
    public async Task An_approval_that_keeps_meeting_a_newer_stream_is_a_conflict_not_a_failing_store()
    {
        _h.Tmux.NewSession("agent-demo-race");
        var store = new ContendedStore(new InMemoryEventStore());
        var metrics = new OrchestratorMetrics(Prometheus.Metrics.NewCustomRegistry());
        var log = new ListLogger();
        var source = new ScriptedSource(_ => new Decision("risky", [CommandSpec.Of("echo raced-$((6*7))", "high")]));
        var settings = new LoopSettings(_h.Config(LoopHarness.Task(Branch)), _h.Agent, false, _h.AuditPath, _h.Dir["state/offsets.json"], source);
        var loop = new OrchestratorLoop(settings, store, [_h.Observer, new MetricsObserver(metrics)], _h.Inbox, log);
        await loop.LoadAsync();
        await loop.RunCycleAsync(CancellationToken.None);
        var pending = _h.Observer.Events.OfType<ConfirmationRequested>().Single();

        store.Contended = true;
        var applied = _h.Inbox.SubmitAsync(new ApprovalRequest(Branch, pending.CommandId, null, true, "erin", "portal", null));
        await loop.RunCycleAsync(CancellationToken.None);

        (await applied).Should().Be(ApprovalResult.Conflict);
        store.Races.Should().BeGreaterThanOrEqualTo(ConflictRule.Attempts, "the approval is decided again on each reloaded branch before giving up");
        log.Warnings.Should().Contain(w => w.Contains(Branch) && w.Contains("conflict") && w.Contains(nameof(Approve)));
        loop.StoreFaulted.Should().BeFalse();
        MeteredLoop.Sample(metrics, MetricNames.StoreHealthy).Should().Be(1);
        MeteredLoop.Sample(metrics, MetricNames.StoreErrors).Should().Be(0);
        _h.Bus("notifications.jsonl").Should().NotContain("Event store failing");
        log.Errors.Should().NotContain(e => e.Contains("event store failed"));
        var stored = await store.ReadStreamAsync(StreamName.ForBranch(Branch));
        stored.Should().NotContain(e => e.EventType == "confirmation_approved");
        _h.Tmux.Capture("agent-demo-race").Should().NotContain("raced-42");
    }

    /// <summary>While <see cref="Contended"/>, another writer appends to a branch's stream just before each append, so
    /// the append meets a newer stream (a real conflict of the inner store).</summary>
    private sealed class ContendedStore(IEventStore inner) : PassThroughStore(inner)
    {
        public bool Contended { get; set; }
        public int Races { get; private set; }

        public override async Task<AppendResult> AppendAsync(StreamName stream, ExpectedVersion expected, IReadOnlyList<NewStreamEvent> events, CancellationToken ct = default)
        {
            if (Contended && stream.Branch is { } branch)
            {
                Races++;
                var other = new DecisionRequested($"dec-other-{Races}") { Branch = branch, At = DateTimeOffset.UtcNow };
                await Inner.AppendAsync(stream, ExpectedVersion.Any, [Core.Serialization.EventSerializer.ToNew(other, Guid.NewGuid().ToString("N"))], ct);
            }
            return await Inner.AppendAsync(stream, expected, events, ct);
        }
    }
}
