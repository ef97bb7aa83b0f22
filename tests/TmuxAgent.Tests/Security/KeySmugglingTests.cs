using System.Text.Json.Nodes;
using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;
using TmuxAgent.Host.Tmux;
using TmuxAgent.Tests.Host.Loop;

namespace TmuxAgent.Tests.Security;

/// <summary>
/// Issue 17 items 1 and 9 against a real pane: <c>keys</c> that are not key names, NUL and other control characters
/// never reach tmux, whatever the risk and whoever approves; what an operator is shown holds the keys; a text approval
/// that two pending commands share approves neither.
/// </summary>
[Category("tmux")]
public class KeySmugglingTests
{
    private LoopHarness _h = null!;
    private string _marker = null!;

    [SetUp]
    public void SetUp()
    {
        _h = new LoopHarness();
        _marker = Path.Combine(_h.Dir.Path, "SMUGGLED");
        _h.Tmux.NewSession("agent-demo-beta");
    }

    [TearDown] public void TearDown() => _h.Dispose();

    private Task<TmuxAgent.Host.OrchestratorLoop> StartAsync(Func<Decision> answer) =>
        _h.StartAsync(_h.Config(LoopHarness.Task("demo/beta")), new ScriptedSource(_ => answer()));

    private void Confirm(JsonObject record)
    {
        Directory.CreateDirectory(_h.BusDir);
        record["ts"] ??= DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;   // written now, after the request
        File.AppendAllText(Path.Combine(_h.BusDir, "confirmations.jsonl"), record.ToJsonString() + "\n");
    }

    [Test]
    public async Task A_high_risk_decision_with_smuggled_keys_types_nothing_and_is_counted_as_bad_output()
    {
        var loop = await StartAsync(() => new Decision("risky", [new CommandSpec("echo visible", [$"echo SMUGGLED > {_marker}", "Enter"], true, "high")]));
        await loop.RunCycleAsync(CancellationToken.None);

        var failed = _h.Observer.Events.OfType<DecisionFailed>().Single();
        failed.Kind.Should().Be(DecisionErrorKinds.InvalidPayloadType);
        _h.Observer.Events.Should().NotContain(e => e is ConfirmationRequested || e is CommandDispatched);
        loop.Board["demo/beta"].Pending.Should().BeEmpty("there is nothing to approve");
        await Task.Delay(300);
        _h.Tmux.Capture("agent-demo-beta").Should().NotContain("echo").And.NotContain("SMUGGLED");
        File.Exists(_marker).Should().BeFalse();
    }

    [Test]
    public async Task A_pending_command_recorded_with_smuggled_keys_before_the_rule_types_nothing_when_approved()
    {
        // as an older version would have recorded it
        var spec = new CommandSpec("echo visible", [$"echo SMUGGLED > {_marker}", "Enter"], true, "high");
        var loop = await StartAsync(() => new Decision(null, []));
        await loop.RunCycleAsync(CancellationToken.None);
        await new TmuxAgent.Core.Store.BranchRepository(_h.Store).AppendAsync(loop.Board.Loaded("demo/beta"),
            [new ConfirmationRequested("cmd-old", "agent-demo-beta", spec, "risk_level=high") { Branch = "demo/beta", At = DateTimeOffset.UtcNow }]);
        loop = await StartAsync(() => new Decision(null, []));

        Confirm(new JsonObject { ["branch"] = "demo/beta", ["action"] = "approve", ["command_id"] = "cmd-old" });
        await loop.RunCycleAsync(CancellationToken.None);

        _h.Observer.Events.OfType<CommandDeliveryFailed>().Single().Reason.Should().Contain("not a tmux key name");
        await Task.Delay(300);
        _h.Tmux.Capture("agent-demo-beta").Should().NotContain("echo visible");
        File.Exists(_marker).Should().BeFalse();
    }

    [Test]
    public async Task A_NUL_in_command_text_types_nothing_and_the_next_command_runs_normally()
    {
        var answers = new Queue<Decision>([
            new Decision("nul", [CommandSpec.Of($"echo one\u0000'; touch {_marker}; echo '")]),
            new Decision("ok", [CommandSpec.Of("echo after-$((6*7))")])]);
        var loop = await StartAsync(() => answers.Count > 0 ? answers.Dequeue() : new Decision(null, []));
        await loop.RunCycleAsync(CancellationToken.None);
        _h.Observer.Events.OfType<DecisionFailed>().Single().Message.Should().Contain("U+0000");

        await Task.Delay(1100);   // past the decision-error back-off (poll_interval 1 s)
        await loop.RunCycleAsync(CancellationToken.None);
        (await TmuxServer.WaitFor(() => _h.Tmux.Capture("agent-demo-beta").Contains("\nafter-42"))).Should().BeTrue();
        File.Exists(_marker).Should().BeFalse();
    }

    [Test]
    public async Task Multi_line_shell_text_runs_as_one_command_inside_the_timeout_wrapper()
    {
        var config = _h.Config(LoopHarness.Task("demo/beta")) with { CommandTimeoutSeconds = 30 };
        var once = new Queue<Decision>([new Decision("two lines", [CommandSpec.Of("echo first-$((1+1))\necho 'second line'")])]);
        var loop = await _h.StartAsync(config, new ScriptedSource(_ => once.Count > 0 ? once.Dequeue() : new Decision(null, [])));
        await loop.RunCycleAsync(CancellationToken.None);

        (await TmuxServer.WaitFor(() => _h.Tmux.Capture("agent-demo-beta") is var c && c.Contains("\nfirst-2") && c.Contains("\nsecond line"))).Should().BeTrue();
        await loop.RunCycleAsync(CancellationToken.None);
        (await TmuxServer.WaitFor(() => { loop.RunCycleAsync(CancellationToken.None).GetAwaiter().GetResult(); return _h.Observer.Events.OfType<CommandCompleted>().Any(); }))
            .Should().BeTrue("the exit status came back through the trailer");
        _h.Observer.Events.OfType<CommandDelivered>().Should().ContainSingle("the first line is the receipt");
        _h.Observer.Events.OfType<CommandCompleted>().Single().ExitStatus.Should().Be(0);
    }

    [Test]
    public async Task Notifications_and_commands_jsonl_show_the_keys_with_the_text()
    {
        var loop = await StartAsync(() => new Decision("keys", [new CommandSpec("echo visible", ["Escape", "Enter"], true, "high")]));
        await loop.RunCycleAsync(CancellationToken.None);
        var id = _h.Observer.Events.OfType<ConfirmationRequested>().Single().CommandId;
        _h.Bus("notifications.jsonl").Should().Contain("echo visible \u27E8Escape\u27E9 \u27E8Enter\u27E9").And.Contain("risk_level=high");

        Confirm(new JsonObject { ["branch"] = "demo/beta", ["action"] = "approve", ["command_id"] = id });
        await loop.RunCycleAsync(CancellationToken.None);
        (await TmuxServer.WaitFor(() => _h.Bus("commands.jsonl").Contains("\u27E8Escape\u27E9"))).Should().BeTrue();
        File.ReadAllText(_h.AuditPath).Should().Contain("\"keys\":[\"Escape\",\"Enter\"]");
    }

    [Test]
    public async Task An_approval_by_text_that_two_pending_commands_share_is_refused_listing_their_ids()
    {
        var loop = await StartAsync(() => new Decision("two", [
            new CommandSpec("echo visible", [], true, "high"),
            new CommandSpec("echo visible", ["Escape", "C-c"], true, "high")]));
        await loop.RunCycleAsync(CancellationToken.None);
        var ids = _h.Observer.Events.OfType<ConfirmationRequested>().Select(r => r.CommandId).ToList();
        ids.Should().HaveCount(2);

        Confirm(new JsonObject { ["branch"] = "demo/beta", ["action"] = "approve", ["command"] = "echo visible" });
        await loop.RunCycleAsync(CancellationToken.None);

        _h.Observer.Rejections.Should().ContainSingle().Which.Should().Contain("2 pending commands").And.Contain(ids[0]).And.Contain(ids[1]);
        _h.Observer.Events.Should().NotContain(e => e is ConfirmationApproved);
        _h.Tmux.Capture("agent-demo-beta").Should().NotContain("echo visible");

        Confirm(new JsonObject { ["branch"] = "demo/beta", ["action"] = "approve", ["command_id"] = ids[0] });
        await loop.RunCycleAsync(CancellationToken.None);
        _h.Observer.Events.OfType<ConfirmationApproved>().Single().CommandId.Should().Be(ids[0]);
    }
}
