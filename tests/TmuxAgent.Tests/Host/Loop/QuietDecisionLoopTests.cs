using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;
using TmuxAgent.Core.Store;
using TmuxAgent.Core.Store.Sqlite;

namespace TmuxAgent.Tests.Host.Loop;

/// <summary>An idle branch on a real tmux pane and a real SQLite file: a decider that keeps answering "nothing to do"
/// makes the store grow by O(1) events, not two per cycle; a changed answer is recorded and typed.</summary>
[Category("tmux")]
[Category("sqlite")]
public class QuietDecisionLoopTests
{
    private LoopHarness _h = null!;
    private SqliteEventStore _store = null!;

    [SetUp]
    public void SetUp()
    {
        _h = new LoopHarness();
        _store = SqliteEventStore.Open(_h.Dir["store/events.db"]);
        _h.Store = _store;
    }

    [TearDown]
    public void TearDown()
    {
        _store.Dispose();
        _h.Dispose();
    }

    private async Task<List<StoredEvent>> StoredAsync() => [.. await _store.ReadAllAsync(0, 100_000)];

    [Test]
    public async Task Idle_cycles_append_nothing_after_the_first_answer_and_a_stop_records_their_count()
    {
        _h.Tmux.NewSession("agent-quiet-idle");
        var source = new ScriptedSource(_ => new Decision("nothing to do", []));
        var loop = await _h.StartAsync(_h.Config(LoopHarness.Task("quiet/idle")), source);

        await loop.RunCycleAsync(CancellationToken.None);
        var afterFirst = (await StoredAsync()).Count;
        for (var i = 0; i < 10; i++) await loop.RunCycleAsync(CancellationToken.None);

        source.Calls.Should().Be(11, "the decider is asked every cycle");
        (await StoredAsync()).Count.Should().Be(afterFirst, "ten repeated no-op answers append nothing yet");
        _h.Observer.RepeatedLatencies.Should().HaveCount(10, "their latencies still reach the metrics");

        await loop.StopAsync();   // a clean stop

        var stored = await StoredAsync();
        stored.Count.Should().Be(afterFirst + 1);
        stored.Select(e => e.EventType).Should().Equal("task_planned", "decision_requested", "decision_received", "decisions_repeated");
        var board = await Core.Projections.BranchBoard.LoadAsync(_store);
        board["quiet/idle"].Counters.Decisions.Should().Be(11, "every answer is counted after a restart");
        File.ReadAllText(_h.AuditPath).Should().Contain("\"event\":\"decisions_repeated\"").And.Contain("\"count\":10");
    }

    [Test]
    public async Task A_changed_answer_after_idle_cycles_is_recorded_and_typed()
    {
        _h.Tmux.NewSession("agent-quiet-wake");
        var wake = false;
        var source = new ScriptedSource(_ => wake
            ? new Decision("work", [CommandSpec.Of("echo woke-$((6*7))")])
            : new Decision("nothing to do", []));
        var loop = await _h.StartAsync(_h.Config(LoopHarness.Task("quiet/wake")), source);
        for (var i = 0; i < 5; i++) await loop.RunCycleAsync(CancellationToken.None);
        var before = (await StoredAsync()).Count;

        wake = true;
        await loop.RunCycleAsync(CancellationToken.None);

        (await TmuxServer.WaitFor(() => _h.Tmux.Capture("agent-quiet-wake").Contains("\nwoke-42"))).Should().BeTrue();
        var added = (await StoredAsync()).Skip(before).Select(e => e.EventType).ToList();
        added.Take(4).Should().Equal("decisions_repeated", "decision_requested", "decision_received", "command_dispatched");
        _h.Observer.Events.OfType<DecisionsRepeated>().Single().Count.Should().Be(4);
        _h.Observer.Events.OfType<CommandDispatched>().Single().Spec.Text.Should().Be("echo woke-$((6*7))");
    }
}
