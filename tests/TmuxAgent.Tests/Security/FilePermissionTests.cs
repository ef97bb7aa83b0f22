using TmuxAgent.Core.Audit;
using TmuxAgent.Core.Store;
using TmuxAgent.Host.Store;
using TmuxAgent.Tests.Host;

namespace TmuxAgent.Tests.Security;

/// <summary>The store and the audit log are private to their owner: files 0600, created folders 0700.</summary>
[Category("sqlite")]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class FilePermissionTests
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateDir = Private | UnixFileMode.UserExecute;

    [Test]
    public void The_sqlite_store_file_is_0600_in_a_0700_folder()
    {
        using var dir = new TempDir();
        var path = dir[".tmuxagent/events.db"];

        using (StoreFactory.Open(path) as IDisposable) { }

        File.GetUnixFileMode(path).Should().Be(Private);
        File.GetUnixFileMode(dir[".tmuxagent"]).Should().Be(PrivateDir);
    }

    [Test]
    public async Task The_audit_log_is_0600_in_a_0700_folder()
    {
        using var dir = new TempDir();
        var path = dir[".tmuxagent/logs/orchestrator-actions.jsonl"];

        await new AuditMirror(path, new InMemoryEventStore()).SyncAsync();

        File.GetUnixFileMode(path).Should().Be(Private);
        File.GetUnixFileMode(dir[".tmuxagent/logs"]).Should().Be(PrivateDir);
    }

    [Test]
    public async Task A_rebuilt_audit_log_is_0600_too()
    {
        using var dir = new TempDir();
        var path = dir[".tmuxagent/logs/orchestrator-actions.jsonl"];

        await new AuditMirror(path, new InMemoryEventStore()).RebuildAsync();

        File.GetUnixFileMode(path).Should().Be(Private);
    }
}
