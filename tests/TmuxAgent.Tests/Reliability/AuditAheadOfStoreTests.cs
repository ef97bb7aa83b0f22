using TmuxAgent.Core.Store;
using TmuxAgent.Host.Audit;
using TmuxAgent.Tests.Audit;
using TempDir = TmuxAgent.Tests.Host.TempDir;

namespace TmuxAgent.Tests.Reliability;

/// <summary>A store restored from an older copy next to a newer audit log: the host says so at start (docs/host.md, restore step 4).</summary>
public class AuditAheadOfStoreTests
{
    [Test]
    public async Task An_audit_log_ahead_of_a_restored_store_is_reported_once_naming_both_positions()
    {
        using var dir = new TempDir();
        var path = dir[".tmuxagent/logs/orchestrator-actions.jsonl"];
        var before = new InMemoryEventStore();
        for (var n = 1; n <= 5; n++) await before.AppendAsync(StreamName.ForBranch("r/a"), ExpectedVersion.Any, [NumberedEvents.Queued("r/a", n)]);
        await new AuditSync(path, before, new ListLogger()).SyncAsync();
        var restored = new InMemoryEventStore();
        for (var n = 1; n <= 2; n++) await restored.AppendAsync(StreamName.ForBranch("r/a"), ExpectedVersion.Any, [NumberedEvents.Queued("r/a", n)]);
        var log = new ListLogger();
        var sync = new AuditSync(path, restored, log);

        await sync.SyncAsync();
        await sync.SyncAsync();

        log.Errors.Should().ContainSingle().Which.Should().Contain("is ahead of the event store").And.Contain("last seq is 5").And.Contain("last position 2");
    }

    [Test]
    public async Task An_audit_log_in_step_with_its_store_is_not_reported()
    {
        using var dir = new TempDir();
        var store = new InMemoryEventStore();
        for (var n = 1; n <= 3; n++) await store.AppendAsync(StreamName.ForBranch("r/a"), ExpectedVersion.Any, [NumberedEvents.Queued("r/a", n)]);
        var log = new ListLogger();

        await new AuditSync(dir["actions.jsonl"], store, log).SyncAsync();

        log.Errors.Should().BeEmpty();
        File.ReadAllLines(dir["actions.jsonl"]).Should().HaveCount(3);
    }
}
