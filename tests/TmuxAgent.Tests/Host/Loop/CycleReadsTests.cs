using Microsoft.Extensions.Logging.Abstractions;
using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;
using TmuxAgent.Host;
using TmuxAgent.Host.Decisions;
using TmuxAgent.Host.Tmux;
using TmuxAgent.Tests.Host.Tmux;

namespace TmuxAgent.Tests.Host.Loop;

/// <summary>How many tmux processes a cycle starts: one listing per server, a capture only when the text is needed.</summary>
[Category("tmux")]
public class CycleReadsTests
{
    private LoopHarness _h = null!;
    private CountingTransport _calls = null!;

    [SetUp] public void SetUp() { _h = new LoopHarness(); _calls = new CountingTransport(); }
    [TearDown] public void TearDown() => _h.Dispose();

    private async Task<OrchestratorLoop> Start(string toml, IDecisionSource? source, bool dryRun)
    {
        var settings = new LoopSettings(_h.Config(toml), _h.Agent, dryRun, _h.AuditPath, _h.Dir["state/localbus-offsets.json"], source)
        {
            TmuxClientFor = host => new TmuxClient("tmux", host.Tmux.Socket) { Transport = _calls },
            PaneListingMaxAge = TimeSpan.FromHours(1),   // a slow machine must not turn one listing per cycle into two
        };
        var loop = new OrchestratorLoop(settings, _h.Store, [_h.Observer], _h.Inbox, NullLogger.Instance);
        await loop.LoadAsync();
        return loop;
    }

    private static string PlanTask(int i) =>
        $"[[tasks]]\nbranch = \"load/b{i}\"\nphases = [\"build\", \"done\"]\n[tasks.plan]\nbuild = [\"echo build {i}\"]\n";

    [Test]
    public async Task A_dry_run_plan_cycle_over_five_branches_lists_panes_once_and_captures_nothing()
    {
        for (var i = 1; i <= 5; i++) _h.Tmux.NewSession($"agent-load-b{i}");
        var loop = await Start(string.Concat(Enumerable.Range(1, 5).Select(PlanTask)), source: null, dryRun: true);

        await loop.RunCycleAsync(CancellationToken.None);
        await loop.RunCycleAsync(CancellationToken.None);

        _h.Observer.Events.OfType<CommandDispatched>().Should().HaveCount(5).And.OnlyContain(d => d.DryRun);
        _calls.Verbs.Should().Equal(["list-panes", "list-panes"], "one listing per cycle; the plan needs no pane text");
    }

    [Test]
    public async Task A_source_that_reads_the_pane_gets_its_text_and_the_pane_is_captured_only_for_it()
    {
        _h.Tmux.NewSession("agent-demo-read");
        _h.Tmux.Run(["send-keys", "-t", "=agent-demo-read:", "-l", "echo marker-$((40+2))"]);
        _h.Tmux.Run(["send-keys", "-t", "=agent-demo-read:", "Enter"]);
        (await TmuxServer.WaitFor(() => _h.Tmux.Capture("agent-demo-read").Contains("\nmarker-42"))).Should().BeTrue();
        var excerpts = new List<string>();
        var source = new ScriptedSource(c => { excerpts.Add(c.PaneExcerpt); return new Decision("wait", []); });
        var loop = await Start(LoopHarness.Task("demo/read"), source, dryRun: true);

        await loop.RunCycleAsync(CancellationToken.None);

        excerpts.Should().ContainSingle().Which.Should().Contain("marker-42");
        _calls.Verbs.Should().Equal(["list-panes", "capture-pane"]);
    }

    [Test]
    public async Task A_running_command_is_captured_every_cycle_until_its_exit_status_is_read()
    {
        _h.Tmux.NewSession("agent-demo-run");
        var calls = 0;
        var source = new ScriptedSource(_ => ++calls == 1 ? new Decision("run", [CommandSpec.Of("sleep 1; echo done-$((6*7))")]) : new Decision("wait", []));
        var loop = await Start(LoopHarness.Task("demo/run"), source, dryRun: false);

        await loop.RunCycleAsync(CancellationToken.None);
        loop.Board["demo/run"].Running.Should().ContainSingle();
        (await TmuxServer.WaitFor(() => _h.Tmux.Capture("agent-demo-run").Contains("__TMUXAGENT_EXIT__"))).Should().BeTrue();
        _calls.Verbs.Clear();
        await loop.RunCycleAsync(CancellationToken.None);

        _h.Observer.Events.OfType<CommandCompleted>().Single().ExitStatus.Should().Be(0);
        _calls.Verbs.Should().StartWith(["list-panes", "capture-pane"], "the running command's exit status is read from the captured text");
    }
}
