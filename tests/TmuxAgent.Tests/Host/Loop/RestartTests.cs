using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;
using TmuxAgent.Core.Serialization;
using TmuxAgent.Core.Store;
using TmuxAgent.Host.Observers;

namespace TmuxAgent.Tests.Host.Loop;

[Category("tmux")]
public class RestartTests
{
    private LoopHarness _h = null!;

    [SetUp] public void SetUp() => _h = new LoopHarness();
    [TearDown] public void TearDown() => _h.Dispose();

    [Test]
    public async Task Queued_and_pending_commands_survive_a_restart_and_the_queued_one_is_sent_once()
    {
        _h.Tmux.NewSession("agent-demo-busy", "sleep 600");
        _h.Tmux.NewSession("agent-demo-risky");
        var config = _h.Config(LoopHarness.Task("demo/busy") + LoopHarness.Task("demo/risky"));
        var first = new ScriptedSource(c => c.State.Branch == "demo/busy"
            ? new Decision("q", [CommandSpec.Of("echo from-queue-$((3*3))")])
            : new Decision("p", [CommandSpec.Of("echo risky-$((3*3))", "critical")]));
        var loop = await _h.StartAsync(config, first);
        await loop.RunCycleAsync(CancellationToken.None);

        // The busy pane's program ends: a shell takes its place, as an agent finishing its work.
        _h.Tmux.Run(["respawn-pane", "-k", "-t", "=agent-demo-busy:", "env PS1='$ ' bash --norc --noprofile"]);
        var second = new ScriptedSource(_ => new Decision("nothing", []));
        var restarted = await _h.StartAsync(config, second);

        restarted.Board["demo/busy"].Queue.Should().ContainSingle().Which.Spec.Text.Should().Be("echo from-queue-$((3*3))");
        restarted.Board["demo/risky"].Pending.Should().ContainSingle();

        await restarted.RunCycleAsync(CancellationToken.None);
        await restarted.RunCycleAsync(CancellationToken.None);

        (await TmuxServer.WaitFor(() => _h.Tmux.Capture("agent-demo-busy").Contains("\nfrom-queue-9"))).Should().BeTrue();
        _h.Observer.Events.OfType<CommandDispatched>().Should().ContainSingle().Which.FromQueue.Should().BeTrue();
        restarted.Board["demo/risky"].Pending.Should().ContainSingle("a pending approval is not dropped by a restart");
        _h.Tmux.Capture("agent-demo-risky").Should().NotContain("risky-9");
    }

    [Test]
    public async Task A_dispatch_without_a_receipt_is_looked_for_in_the_pane_never_typed_again()
    {
        _h.Tmux.NewSession("agent-demo-crash");
        var config = _h.Config(LoopHarness.Task("demo/crash"));
        var plan = config.Tasks[0].ToPlan();
        var spec = CommandSpec.Of("echo crashed-$((5*5))");
        var typed = TmuxAgent.Host.Tmux.PaneTyper.TypedText(spec, "cmd-crash", 0)!;
        // A crash right after typing: the text is in the pane, the store has the dispatch but no receipt.
        _h.Tmux.Run(["send-keys", "-t", "=agent-demo-crash:", "-l", "--", typed]);
        _h.Tmux.Run(["send-keys", "-t", "=agent-demo-crash:", "Enter"]);
        var at = DateTimeOffset.UtcNow;
        BranchEvent[] history =
        [
            new TaskPlanned(plan, "planning") { Branch = "demo/crash", At = at },
            new CommandDispatched("cmd-crash", "agent-demo-crash", spec, false, false, false) { Branch = "demo/crash", At = at },
        ];
        await _h.Store.AppendAsync(StreamName.ForBranch("demo/crash"), ExpectedVersion.NoStream,
            history.Select(e => EventSerializer.ToNew(e, Guid.NewGuid().ToString("N"))).ToList());
        await TmuxServer.WaitFor(() => _h.Tmux.Capture("agent-demo-crash").Contains("\ncrashed-25"));

        var loop = await _h.StartAsync(config, new ScriptedSource(_ => new Decision("nothing", [])));
        loop.Board["demo/crash"].AwaitingReceipt.Should().ContainSingle();
        await loop.RunCycleAsync(CancellationToken.None);

        _h.Observer.Events.OfType<CommandDelivered>().Single().CommandId.Should().Be("cmd-crash");
        _h.Observer.Events.OfType<CommandCompleted>().Single().ExitStatus.Should().Be(0);
        await Task.Delay(300);
        CountOf(_h.Tmux.Capture("agent-demo-crash"), "\ncrashed-25").Should().Be(1, "the command is not sent a second time");
    }

    [Test]
    public async Task A_dispatch_without_a_receipt_missing_from_the_pane_fails_and_runs_again_only_once_a_human_approves()
    {
        _h.Tmux.NewSession("agent-demo-lost");
        var config = _h.Config(LoopHarness.Task("demo/lost"));
        var at = DateTimeOffset.UtcNow;
        BranchEvent[] history =
        [
            new TaskPlanned(config.Tasks[0].ToPlan(), "planning") { Branch = "demo/lost", At = at },
            new CommandDispatched("cmd-lost", "agent-demo-lost", CommandSpec.Of("echo never-$((2*3))-typed"), false, false, false) { Branch = "demo/lost", At = at },
        ];
        await _h.Store.AppendAsync(StreamName.ForBranch("demo/lost"), ExpectedVersion.NoStream,
            history.Select(e => EventSerializer.ToNew(e, Guid.NewGuid().ToString("N"))).ToList());

        var loop = await _h.StartAsync(config, new ScriptedSource(_ => new Decision("nothing", [])));
        await loop.RunCycleAsync(CancellationToken.None);

        _h.Observer.Events.OfType<CommandDeliveryFailed>().Single().CommandId.Should().Be("cmd-lost");
        var ask = _h.Observer.Events.OfType<ConfirmationRequested>().Single();
        ask.CommandId.Should().Be("cmd-lost-resend");
        ask.Reason.Should().Be(ConfirmationReasons.ResendUndelivered);
        _h.Bus("notifications.jsonl").Should().Contain("Approval needed: demo/lost");
        await loop.RunCycleAsync(CancellationToken.None);
        _h.Tmux.Capture("agent-demo-lost").Should().NotContain("never-6-typed", "nothing is typed again without a human");

        var applied = _h.Inbox.SubmitAsync(new ApprovalRequest("demo/lost", ask.CommandId, null, true, "ops", "portal", null));
        await loop.RunCycleAsync(CancellationToken.None);
        (await applied).Should().Be(ApprovalResult.Applied);
        (await TmuxServer.WaitFor(() => _h.Tmux.Capture("agent-demo-lost").Contains("\nnever-6-typed"))).Should().BeTrue();
        _h.Observer.Events.OfType<CommandDispatched>().Should().ContainSingle(d => d.CommandId == "cmd-lost-resend");
    }

    private static int CountOf(string s, string needle)
    {
        var n = 0;
        for (var i = s.IndexOf(needle, StringComparison.Ordinal); i >= 0; i = s.IndexOf(needle, i + 1, StringComparison.Ordinal)) n++;
        return n;
    }
}
