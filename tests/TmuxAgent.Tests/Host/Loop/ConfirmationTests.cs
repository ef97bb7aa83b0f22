using System.Text.Json.Nodes;
using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;
using TmuxAgent.Host.Observers;

namespace TmuxAgent.Tests.Host.Loop;

[Category("tmux")]
public class ConfirmationTests
{
    private LoopHarness _h = null!;

    [SetUp] public void SetUp() => _h = new LoopHarness();
    [TearDown] public void TearDown() => _h.Dispose();

    private async Task<(TmuxAgent.Host.OrchestratorLoop Loop, string CommandId)> PendingAsync()
    {
        _h.Tmux.NewSession("agent-demo-beta");
        var source = new ScriptedSource(_ => new Decision("risky", [CommandSpec.Of("echo approved-$((6*7))", "high")]));
        var loop = await _h.StartAsync(_h.Config(LoopHarness.Task("demo/beta")), source);
        await loop.RunCycleAsync(CancellationToken.None);
        var requested = _h.Observer.Events.OfType<ConfirmationRequested>().Single();
        _h.Bus("notifications.jsonl").Should().Contain("Approval needed: demo/beta");
        return (loop, requested.CommandId);
    }

    private void Confirm(JsonObject record)
    {
        Directory.CreateDirectory(_h.BusDir);
        File.AppendAllText(Path.Combine(_h.BusDir, "confirmations.jsonl"), record.ToJsonString() + "\n");
    }

    [Test]
    public async Task An_approval_by_command_id_in_LocalBus_runs_exactly_that_command()
    {
        var (loop, id) = await PendingAsync();
        _h.Tmux.Capture("agent-demo-beta").Should().NotContain("approved-");

        Confirm(new JsonObject { ["id"] = "c1", ["ts"] = 1.0, ["branch"] = "demo/beta", ["action"] = "approve", ["command_id"] = id, ["meta"] = new JsonObject { ["who"] = "alice" } });
        await loop.RunCycleAsync(CancellationToken.None);

        _h.Observer.Events.OfType<ConfirmationApproved>().Single().Who.Should().Be("alice");
        (await TmuxServer.WaitFor(() => _h.Tmux.Capture("agent-demo-beta").Contains("\napproved-42"))).Should().BeTrue();
        File.ReadAllText(_h.AuditPath).Should().Contain("\"event\":\"confirmation\",\"status\":\"approved\"");
    }

    [Test]
    public async Task A_denial_by_exact_text_drops_it_and_an_empty_record_approves_nothing_and_is_reported()
    {
        var (loop, id) = await PendingAsync();

        Confirm(new JsonObject { ["id"] = "c0", ["branch"] = "demo/beta", ["action"] = "approve" });
        Confirm(new JsonObject { ["id"] = "c1", ["branch"] = "demo/beta", ["action"] = "deny", ["command"] = "echo approved-$((6*7))" });
        await loop.RunCycleAsync(CancellationToken.None);

        _h.Observer.Rejections.Should().ContainSingle().Which.Should().Contain(":1: names no command");
        _h.Observer.Events.Should().NotContain(e => e is ConfirmationApproved);
        _h.Observer.Events.Should().ContainSingle(e => e is ConfirmationDenied);
        loop.Board["demo/beta"].Pending.Should().NotContain(p => p.CommandId == id);
        _h.Tmux.Capture("agent-demo-beta").Should().NotContain("approved-42");
    }

    [Test]
    public async Task Records_are_read_once_from_a_persisted_offset_even_across_a_restart()
    {
        var (loop, id) = await PendingAsync();
        Confirm(new JsonObject { ["branch"] = "demo/beta", ["action"] = "ok", ["command_id"] = id });
        await loop.RunCycleAsync(CancellationToken.None);
        _h.Observer.Events.Should().ContainSingle(e => e is ConfirmationApproved);

        var restarted = await _h.StartAsync(_h.Config(LoopHarness.Task("demo/beta")), new ScriptedSource(_ => new Decision(null, [])));
        await restarted.RunCycleAsync(CancellationToken.None);

        _h.Observer.Rejections.Should().BeEmpty("the applied record is not read again");
        _h.Observer.Events.Should().NotContain(e => e is ConfirmationApproved);
    }

    [Test]
    public async Task The_portal_inbox_answers_applied_not_pending_and_unknown()
    {
        var (loop, id) = await PendingAsync();

        var applied = _h.Inbox.SubmitAsync(new ApprovalRequest("demo/beta", id, null, true, "bob", "portal", null));
        var again = _h.Inbox.SubmitAsync(new ApprovalRequest("demo/beta", id, null, true, "bob", "portal", null));
        var unknown = _h.Inbox.SubmitAsync(new ApprovalRequest("demo/beta", "cmd-nope", null, true, "bob", "portal", null));
        var noBranch = _h.Inbox.SubmitAsync(new ApprovalRequest("demo/none", id, null, true, "bob", "portal", null));
        await loop.RunCycleAsync(CancellationToken.None);

        (await applied).Should().Be(ApprovalResult.Applied);
        (await again).Should().Be(ApprovalResult.NotPending);
        (await unknown).Should().Be(ApprovalResult.UnknownCommand);
        (await noBranch).Should().Be(ApprovalResult.UnknownBranch);
        (await TmuxServer.WaitFor(() => _h.Tmux.Capture("agent-demo-beta").Contains("\napproved-42"))).Should().BeTrue();
    }
}
