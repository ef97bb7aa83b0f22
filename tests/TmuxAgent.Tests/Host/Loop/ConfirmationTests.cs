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

    private static double Now => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;

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

        Confirm(new JsonObject { ["id"] = "c1", ["ts"] = Now, ["branch"] = "demo/beta", ["action"] = "approve", ["command_id"] = id, ["meta"] = new JsonObject { ["who"] = "alice" } });
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
        Confirm(new JsonObject { ["id"] = "c1", ["ts"] = Now.ToString(System.Globalization.CultureInfo.InvariantCulture), ["branch"] = "demo/beta", ["action"] = "deny", ["command"] = "echo approved-$((6*7))" });
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
        Confirm(new JsonObject { ["ts"] = Now, ["branch"] = "demo/beta", ["action"] = "ok", ["command_id"] = id });
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

    [Test]
    public async Task An_approval_record_written_before_the_command_was_requested_or_without_a_ts_applies_to_nothing()
    {
        var (loop, id) = await PendingAsync();
        var requested = _h.Observer.Events.OfType<ConfirmationRequested>().Single().At.ToUnixTimeMilliseconds() / 1000.0;

        Confirm(new JsonObject { ["id"] = "old", ["ts"] = requested - 60, ["branch"] = "demo/beta", ["action"] = "approve", ["command_id"] = id });
        Confirm(new JsonObject { ["id"] = "by-text", ["ts"] = requested - 0.5, ["branch"] = "demo/beta", ["action"] = "approve", ["command"] = "echo approved-$((6*7))" });
        Confirm(new JsonObject { ["id"] = "no-ts", ["branch"] = "demo/beta", ["action"] = "approve", ["command_id"] = id });
        Confirm(new JsonObject { ["id"] = "bad-ts", ["ts"] = "yesterday", ["branch"] = "demo/beta", ["action"] = "deny", ["command_id"] = id });
        await loop.RunCycleAsync(CancellationToken.None);

        _h.Observer.Rejections.Should().HaveCount(4).And.OnlyContain(r => r.Contains("record written before the command was requested, or without a valid \"ts\""));
        _h.Observer.Events.Should().NotContain(e => e is ConfirmationApproved || e is ConfirmationDenied);
        loop.Board["demo/beta"].Pending.Should().ContainSingle(p => p.CommandId == id);
        _h.Tmux.Capture("agent-demo-beta").Should().NotContain("approved-42");

        Confirm(new JsonObject { ["id"] = "now", ["ts"] = requested, ["branch"] = "demo/beta", ["action"] = "approve", ["command_id"] = id });
        await loop.RunCycleAsync(CancellationToken.None);
        _h.Observer.Events.Should().ContainSingle(e => e is ConfirmationApproved, "a record written at the request's millisecond or later applies");
    }

    [Test]
    public async Task A_corrupt_offsets_file_starts_at_the_end_so_an_old_approval_never_approves_a_new_command_with_the_same_text()
    {
        var (loop, first) = await PendingAsync();
        Confirm(new JsonObject { ["id"] = "c1", ["ts"] = Now + 3600, ["branch"] = "demo/beta", ["action"] = "approve", ["command"] = "echo approved-$((6*7))" });
        await loop.RunCycleAsync(CancellationToken.None);
        _h.Observer.Events.OfType<ConfirmationApproved>().Should().ContainSingle(a => a.CommandId == first);
        (await TmuxServer.WaitFor(() => _h.Tmux.Capture("agent-demo-beta").Contains("\napproved-42"))).Should().BeTrue();

        File.WriteAllText(_h.Dir["state/localbus-offsets.json"], "not json");
        for (var i = 0; i < 6 && !_h.Observer.Events.OfType<ConfirmationRequested>().Any(r => r.CommandId != first); i++)
        {
            await Task.Delay(300);
            await loop.RunCycleAsync(CancellationToken.None);
        }
        var second = _h.Observer.Events.OfType<ConfirmationRequested>().Single(r => r.CommandId != first).CommandId;
        await loop.RunCycleAsync(CancellationToken.None);

        _h.Observer.Events.OfType<ConfirmationApproved>().Should().ContainSingle("the old record (even with a ts in the future) is not read again");
        _h.Observer.Rejections.Should().BeEmpty("reading starts at the end, not at 0");
        loop.Board["demo/beta"].Pending.Should().ContainSingle(p => p.CommandId == second);
        _h.Bus("notifications.jsonl").Should().Contain("LocalBus offsets file reset").And.Contain("localbus_offsets_reset").And.Contain("is corrupt");
        File.ReadAllText(_h.Dir["state/localbus-offsets.json"]).Should().Contain("\"offset\":", "a fresh offset was written at the end");
    }
}
