using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;
using TmuxAgent.Host.Observers;

namespace TmuxAgent.Tests.Host.Loop;

/// <summary>Approvals look at the pane as the cycle does: an approved command is not typed into an agent that works.</summary>
[Category("tmux")]
public class ApprovalWhileBusyTests
{
    private const string Branch = "demo/agent";
    private const string Session = "agent-demo-agent";
    private LoopHarness _h = null!;

    [SetUp] public void SetUp() => _h = new LoopHarness();
    [TearDown] public void TearDown() => _h.Dispose();

    [Test]
    public async Task An_approved_command_waits_in_the_queue_while_a_codex_dialogue_pane_works_and_is_typed_once_it_rests()
    {
        _h.Tmux.NewSession(Session);
        var source = new ScriptedSource(_ => new Decision("risky", [CommandSpec.Of("echo approved-$((6*7))", "high")]));
        var loop = await _h.StartAsync(_h.Config(LoopHarness.Task(Branch, "input_mode = \"codex_dialogue\"")), source);
        await loop.RunCycleAsync(CancellationToken.None);
        var id = _h.Observer.Events.OfType<ConfirmationRequested>().Single().CommandId;

        // the agent writes to its screen after the cycle's look: it is working when the approval comes
        _h.Tmux.Run(["send-keys", "-t", "=" + Session + ":", "-l", "--", "echo agent-working"]);
        _h.Tmux.Run(["send-keys", "-t", "=" + Session + ":", "Enter"]);
        (await TmuxServer.WaitFor(() => _h.Tmux.Capture(Session).Contains("\nagent-working"))).Should().BeTrue();
        var applied = _h.Inbox.SubmitAsync(new ApprovalRequest(Branch, id, null, true, "alice", "portal", null));
        await loop.RunCycleAsync(CancellationToken.None);
        (await applied).Should().Be(ApprovalResult.Applied);

        var afterApproval = _h.Observer.Events.SkipWhile(e => e is not ConfirmationApproved).Skip(1).ToList();
        afterApproval.First().Should().BeOfType<CommandQueued>().Which.Should().Match<CommandQueued>(q => q.CommandId == id && q.Reason == QueueReasons.Approved,
            "the pane's text changed since the last look: the agent works, so the approved command waits");
        for (var cycle = 0; cycle < 5 && !_h.Observer.Events.OfType<CommandDispatched>().Any(); cycle++)
            await loop.RunCycleAsync(CancellationToken.None);   // the screen rests once the shell has drawn its prompt
        _h.Observer.Events.OfType<CommandDispatched>().Should().ContainSingle(d => d.CommandId == id && d.FromQueue && d.Approved,
            "typed from the queue at the first look that finds the pane resting");
        (await TmuxServer.WaitFor(() => _h.Tmux.Capture(Session).Contains("\napproved-42"))).Should().BeTrue();
    }
}
