using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;

namespace TmuxAgent.Tests.Host.Loop;

[Category("tmux")]
public class DispatchTests
{
    private LoopHarness _h = null!;

    [SetUp] public void SetUp() => _h = new LoopHarness();
    [TearDown] public void TearDown() => _h.Dispose();

    [Test]
    public async Task An_idle_shell_gets_the_decided_command_at_the_first_look_and_its_exit_status_comes_back()
    {
        _h.Tmux.NewSession("agent-demo-alpha");
        var source = new ScriptedSource(_ => new Decision("run", [CommandSpec.Of("echo out-$((6*7)); false")]));
        var loop = await _h.StartAsync(_h.Config(LoopHarness.Task("demo/alpha")), source);

        await loop.RunCycleAsync(CancellationToken.None);

        (await TmuxServer.WaitFor(() => _h.Tmux.Capture("agent-demo-alpha").Contains("\nout-42"))).Should().BeTrue();
        _h.Observer.Events.Should().ContainSingle(e => e is CommandDispatched).Which.As<CommandDispatched>().DryRun.Should().BeFalse();
        _h.Observer.Events.Should().ContainSingle(e => e is CommandDelivered);
        _h.Bus("commands.jsonl").Should().Contain("\"session\":\"agent-demo-alpha\"").And.Contain("echo out-$((6*7)); false");
        File.ReadAllText(_h.AuditPath).Should().Contain("\"event\":\"command\"");
        _h.Observer.Cycles.Should().Equal("demo/alpha");

        await TmuxServer.WaitFor(() => _h.Tmux.Capture("agent-demo-alpha").Contains("__TMUXAGENT_EXIT__"));
        await loop.RunCycleAsync(CancellationToken.None);
        _h.Observer.Events.OfType<CommandCompleted>().Single().ExitStatus.Should().Be(1, "the exit status of the typed command line comes back");
    }

    [Test]
    public async Task A_busy_pane_queues_the_command_and_nothing_is_typed()
    {
        _h.Tmux.NewSession("agent-demo-busy", "sleep 600");
        var source = new ScriptedSource(_ => new Decision("run", [CommandSpec.Of("echo queued-$((1+1))")]));
        var loop = await _h.StartAsync(_h.Config(LoopHarness.Task("demo/busy")), source);

        await loop.RunCycleAsync(CancellationToken.None);

        _h.Observer.Events.OfType<CommandQueued>().Single().Reason.Should().Be(QueueReasons.PaneBusy);
        _h.Observer.Events.Should().NotContain(e => e is CommandDispatched);
        loop.Board["demo/busy"].Queue.Should().HaveCount(1);
        _h.Tmux.Capture("agent-demo-busy").Should().NotContain("queued-");
        _h.Bus("commands.jsonl").Should().BeEmpty();
    }

    [Test]
    public async Task A_dialogue_pane_is_busy_while_its_output_keeps_changing()
    {
        _h.Tmux.NewSession("agent-demo-chat", "sh -c 'while true; do date +%s%N; sleep 0.1; done'");
        var calls = 0;
        var source = new ScriptedSource(_ => ++calls == 1 ? new Decision("look", []) : new Decision("go", [CommandSpec.Of("hello agent")]));
        var loop = await _h.StartAsync(_h.Config(LoopHarness.Task("demo/chat", "input_mode = \"codex_dialogue\"")), source);

        await loop.RunCycleAsync(CancellationToken.None);
        await Task.Delay(300);
        await loop.RunCycleAsync(CancellationToken.None);

        _h.Observer.Events.OfType<DecisionReceived>().Last().PaneBusy.Should().BeTrue();
        _h.Observer.Events.OfType<CommandQueued>().Single().Reason.Should().Be(QueueReasons.PaneBusy);
    }

    [Test]
    public async Task Dry_run_records_the_command_and_touches_neither_pane_nor_LocalBus()
    {
        _h.Tmux.NewSession("agent-demo-dry");
        var source = new ScriptedSource(_ => new Decision("run", [CommandSpec.Of("echo dry-$((6*7))"), CommandSpec.Of("rm -rf x", "high")]));
        var loop = await _h.StartAsync(_h.Config(LoopHarness.Task("demo/dry")), source, dryRun: true);

        await loop.RunCycleAsync(CancellationToken.None);
        await Task.Delay(500);

        _h.Observer.Events.OfType<CommandDispatched>().Single().DryRun.Should().BeTrue();
        _h.Tmux.Capture("agent-demo-dry").Should().NotContain("dry-");
        (Directory.Exists(_h.BusDir) && Directory.EnumerateFiles(_h.BusDir).Any()).Should().BeFalse("nothing is written to LocalBus, not even a notification");
        File.ReadAllText(_h.AuditPath).Should().Contain("\"dry_run\":true");
    }

    [Test]
    public async Task A_branch_waits_for_its_dependency_to_reach_the_completion_phase()
    {
        _h.Tmux.NewSession("agent-demo-a");
        _h.Tmux.NewSession("agent-demo-b");
        var source = new ScriptedSource(c => c.State.Branch == "demo/a"
            ? new Decision("finish", [], Phase: "done")
            : new Decision("go", [CommandSpec.Of("echo b-ran-$((2+2))")]));
        var config = _h.Config(LoopHarness.Task("demo/b", "depends_on = [\"demo/a\"]") + LoopHarness.Task("demo/a"));
        var loop = await _h.StartAsync(config, source);

        await loop.RunCycleAsync(CancellationToken.None);
        _h.Observer.Events.OfType<BranchBlocked>().Single().WaitingOn.Should().Equal("demo/a");
        _h.Tmux.Capture("agent-demo-b").Should().NotContain("b-ran-");

        await loop.RunCycleAsync(CancellationToken.None);
        _h.Observer.Events.Should().ContainSingle(e => e is BranchUnblocked);
        (await TmuxServer.WaitFor(() => _h.Tmux.Capture("agent-demo-b").Contains("\nb-ran-4"))).Should().BeTrue();
    }
}
