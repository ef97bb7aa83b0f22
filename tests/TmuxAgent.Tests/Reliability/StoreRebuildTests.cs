using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;
using TmuxAgent.Core.Projections;
using TmuxAgent.Core.Serialization;
using TmuxAgent.Core.Store.Sqlite;
using TmuxAgent.Host.Observers;
using TmuxAgent.Host.Store;
using TmuxAgent.Tests.Host.Cli;
using TmuxAgent.Tests.Host.Loop;

namespace TmuxAgent.Tests.Reliability;

/// <summary><c>rebuild-store</c>: a store rebuilt from the audit log holds the same events (ids, order, content) and folds to the same branches.</summary>
[Category("tmux"), Category("sqlite"), Category("process")]
public class StoreRebuildTests
{
    [Test]
    public async Task A_store_rebuilt_from_the_audit_log_folds_to_the_same_branches_as_the_original()
    {
        using var h = new LoopHarness();
        using var original = SqliteEventStore.Open(h.Dir["state/events.db"]);
        h.Store = original;
        h.Tmux.NewSession("agent-rb-a");
        var source = new ScriptedSource(_ => new Decision("go", [CommandSpec.Of("echo rb-$((6*7))"), CommandSpec.Of("echo risky-$((6*7))", "high")]));
        var loop = await h.StartAsync(h.Config(LoopHarness.Task("rb/a")), source);
        await loop.RunCycleAsync(CancellationToken.None);
        var pending = h.Observer.Events.OfType<ConfirmationRequested>().First();
        var approved = h.Inbox.SubmitAsync(new ApprovalRequest("rb/a", pending.CommandId, null, true, "bob", "portal", "ok"));
        for (var i = 0; i < 4; i++) { await loop.RunCycleAsync(CancellationToken.None); await Task.Delay(300); }
        (await approved).Should().Be(ApprovalResult.Applied);

        var rebuiltPath = h.Dir["restored/events.db"];
        var (code, output, error) = HostProcess.Run(h.Dir.Path, "rebuild-store", "--from-audit-log", h.AuditPath, "--store", rebuiltPath);

        code.Should().Be(0, error);
        var before = await original.ReadAllAsync(0, int.MaxValue);
        output.Should().Contain($"{before.Count} events");
        using var rebuilt = SqliteEventStore.Open(rebuiltPath);
        var after = await rebuilt.ReadAllAsync(0, int.MaxValue);
        after.Select(e => e.EventId).Should().Equal(before.Select(e => e.EventId), "every event, with its id, in order");
        after.Select(e => e.Position).Should().Equal(before.Select(e => e.Position));
        after.Select(EventSerializer.FromStored).Should().BeEquivalentTo(before.Select(EventSerializer.FromStored),
            o => o.WithStrictOrdering().RespectingRuntimeTypes().ComparingRecordsByMembers().Using<DateTimeOffset>(c =>
                c.Subject.Should().BeCloseTo(c.Expectation, TimeSpan.FromMilliseconds(1))).WhenTypeIs<DateTimeOffset>());
        before.Select(e => e.EventType).Should().Contain([EventTypes.NameOf(typeof(CommandDispatched)), EventTypes.NameOf(typeof(ConfirmationApproved))], "the history covers dispatch and approval");
        (await BranchBoard.LoadAsync(rebuilt))["rb/a"].Should().BeEquivalentTo((await BranchBoard.LoadAsync(original))["rb/a"],
            o => o.ComparingRecordsByMembers().Using<DateTimeOffset>(c =>
                c.Subject.Should().BeCloseTo(c.Expectation, TimeSpan.FromMilliseconds(1))).WhenTypeIs<DateTimeOffset>());

        HostProcess.Run(h.Dir.Path, "rebuild-store", "--from-audit-log", h.AuditPath, "--store", rebuiltPath).Code
            .Should().Be(2, "an existing store is never written over");

        // A log that also holds a line of the original orchestrator and a broken line.
        var mixed = h.Dir["mixed.jsonl"];
        File.WriteAllText(mixed, "{\"ts\": 1763800000.5, \"branch\": \"rb/a\", \"event\": \"queued\", \"payload\": {\"text\": \"old\"}}\n"
            + File.ReadAllText(h.AuditPath) + "{\"seq\": \n");
        var (mixedCode, mixedOut, mixedErr) = HostProcess.Run(h.Dir.Path, "rebuild-store", "--from-audit-log", mixed, "--store", h.Dir["mixed.db"]);
        mixedCode.Should().Be(1, "a line that could not be taken is a failed rebuild, listed");
        mixedOut.Should().Contain($"{before.Count} events").And.Contain("1 lines of the original orchestrator left out").And.Contain("1 lines skipped");
        mixedErr.Should().Contain($"skipped: {mixed}:line {before.Count + 2}");
    }
}
