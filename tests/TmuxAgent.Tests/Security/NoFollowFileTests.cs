using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using TmuxAgent.Config;
using TmuxAgent.Host.Config;
using TmuxAgent.Core.Audit;
using TmuxAgent.Core.Files;
using TmuxAgent.Core.Store;
using TmuxAgent.Core.Store.Sqlite;
using TmuxAgent.Host.Audit;
using TmuxAgent.Host.LocalBus;
using TmuxAgent.Host.Store;
using TmuxAgent.Host.Web.Portal;
using TmuxAgent.Tests.Audit;
using TempDir = TmuxAgent.Tests.Host.TempDir;

namespace TmuxAgent.Tests.Security;

/// <summary>
/// The project's files (audit log, event store, LocalBus files, the offsets file, the token file) are used only when they
/// are regular files reached without a symbolic link; a link to someone else's file, a FIFO or a folder in their place is
/// refused with one error naming the path, and the file behind it is neither read, written nor cut. A damaged audit-log
/// tail is moved to a <c>.damaged</c> file, never simply cut. Real files, a real FIFO (mkfifo), a real SQLite store.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class NoFollowFileTests
{
    private const string Victim = "line 1 of someone else's file\nline 2, not JSON and without a line break";

    private TempDir _dir = null!;

    [SetUp] public void SetUp() => _dir = new TempDir();
    [TearDown] public void TearDown() => _dir.Dispose();

    /// <summary>A file the project must not touch, and a link to it at <paramref name="at"/>.</summary>
    private string LinkToVictim(string at)
    {
        var victim = _dir.File("victim/notes.txt", Victim);
        Directory.CreateDirectory(Path.GetDirectoryName(_dir[at])!);
        File.CreateSymbolicLink(_dir[at], victim);
        return victim;
    }

    private string Fifo(string at)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_dir[at])!);
        using var p = Process.Start(new ProcessStartInfo("mkfifo") { ArgumentList = { _dir[at] } })!;
        p.WaitForExit();
        p.ExitCode.Should().Be(0);
        return _dir[at];
    }

    private static async Task<InMemoryEventStore> StoreWithEvents(int n)
    {
        var store = new InMemoryEventStore();
        await store.AppendAsync(StreamName.ForBranch("a/x"), ExpectedVersion.Any, Enumerable.Range(1, n).Select(i => NumberedEvents.Queued("a/x", i)).ToList());
        return store;
    }

    [Test]
    public async Task An_audit_log_that_is_a_symlink_is_refused_and_the_file_it_points_to_is_neither_cut_nor_appended_to()
    {
        const string log = ".tmuxagent/logs/orchestrator-actions.jsonl";
        var victim = LinkToVictim(log);
        var sync = new AuditSync(_dir[log], await StoreWithEvents(3), NullLogger.Instance);

        var error = await sync.SyncAsync();

        error.Should().Contain(_dir[log]).And.Contain("symbolic link").And.Contain(victim);
        File.ReadAllText(victim).Should().Be(Victim);
        File.Exists(_dir[log] + ".damaged").Should().BeFalse();
        await FluentActions.Awaiting(() => new AuditMirror(_dir[log], new InMemoryEventStore()).RebuildAsync())
            .Should().ThrowAsync<UnsafeFileException>().Where(e => e.Path == _dir[log]);
    }

    [Test]
    public async Task A_fifo_or_a_folder_in_place_of_the_audit_log_is_refused_without_blocking()
    {
        var fifo = Fifo("logs/fifo.jsonl");
        Directory.CreateDirectory(_dir["logs/dir.jsonl"]);
        var store = await StoreWithEvents(1);

        (await new AuditSync(fifo, store, NullLogger.Instance).SyncAsync()).Should().Contain(fifo).And.Contain("FIFO");
        (await new AuditSync(_dir["logs/dir.jsonl"], store, NullLogger.Instance).SyncAsync()).Should().Contain(_dir["logs/dir.jsonl"]);
    }

    [Test]
    public async Task A_damaged_audit_log_tail_is_moved_to_a_damaged_file_before_it_is_cut()
    {
        var log = _dir[".tmuxagent/logs/orchestrator-actions.jsonl"];
        var store = await StoreWithEvents(2);
        await new AuditMirror(log, store).SyncAsync();
        var ours = await File.ReadAllBytesAsync(log);
        const string foreign = "{\"written\": \"by another tool\", \"no\": \"line break\"}";
        await File.AppendAllTextAsync(log, "half a line of ours\n" + foreign);   // an unterminated last line

        var result = await new AuditMirror(log, store).SyncAsync();

        result.TornLineRepaired.Should().BeTrue();
        result.BytesMovedAside.Should().Be(foreign.Length);
        File.ReadAllText(log + ".damaged").Should().Be(foreign + "\n", "the cut bytes are kept, whole");
        File.GetUnixFileMode(log + ".damaged").Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.ReadAllText(log).Should().StartWith(System.Text.Encoding.UTF8.GetString(ours)).And.Contain("half a line of ours\n");
        File.ReadAllText(log).Should().NotContain(foreign);
    }

    [Test]
    public void An_event_store_that_is_a_symlink_or_has_a_symlinked_wal_is_refused_naming_the_path()
    {
        var victim = LinkToVictim("store/events.db");
        FluentActions.Invoking(() => SqliteEventStore.Open(_dir["store/events.db"]))
            .Should().Throw<SqliteStoreException>().Where(e => e.Message.Contains(_dir["store/events.db"]) && e.Message.Contains("symbolic link"));
        File.ReadAllText(victim).Should().Be(Victim);

        Directory.CreateDirectory(_dir["other"]);
        File.CreateSymbolicLink(_dir["other/events.db-wal"], victim);
        FluentActions.Invoking(() => SqliteEventStore.Open(_dir["other/events.db"]))
            .Should().Throw<SqliteStoreException>().Where(e => e.Message.Contains(_dir["other/events.db-wal"]));
        File.ReadAllText(victim).Should().Be(Victim);
    }

    [Test]
    public void An_event_store_replaced_by_a_symlink_while_the_host_runs_fails_the_next_file_check()
    {
        var path = _dir["store/events.db"];
        using (SqliteEventStore.Open(path)) { }
        SqliteFileCheck.Check(path);
        var copy = _dir["store/copy.db"];
        File.Move(path, copy);
        File.CreateSymbolicLink(path, copy);

        FluentActions.Invoking(() => SqliteFileCheck.Check(path))
            .Should().Throw<SqliteStoreException>().Where(e => e.Message.Contains(path) && e.Message.Contains("symbolic link"));
    }

    [Test]
    public void LocalBus_files_that_are_symlinks_are_neither_written_nor_read()
    {
        var victim = LinkToVictim("bus/notifications.jsonl");
        File.CreateSymbolicLink(_dir["bus/commands.jsonl"], victim);
        File.CreateSymbolicLink(_dir["bus/confirmations.jsonl"], victim);
        var writer = new LocalBusWriter(_dir["bus"]);

        FluentActions.Invoking(() => writer.Notify("a/x", "t", "b", DateTimeOffset.UnixEpoch, "test"))
            .Should().Throw<UnsafeFileException>().Where(e => e.Message.Contains(writer.NotificationsPath) && e.Message.Contains("symbolic link"));
        FluentActions.Invoking(() => JsonlFile.Append(writer.CommandsPath, new JsonObject { ["id"] = "x" }))
            .Should().Throw<UnsafeFileException>().Where(e => e.Path == writer.CommandsPath);
        var feed = new ConfirmationFeed(writer.ConfirmationsPath, _dir["state/offsets.json"]);
        FluentActions.Invoking(() => feed.ReadNew(out _)).Should().Throw<UnsafeFileException>().Where(e => e.Path == writer.ConfirmationsPath);
        File.ReadAllText(victim).Should().Be(Victim);
    }

    [Test]
    public void An_offsets_file_or_its_lock_that_is_a_symlink_is_refused_and_not_overwritten()
    {
        var bus = _dir.File("bus/confirmations.jsonl", "");
        var victim = LinkToVictim("state/offsets.json");
        var feed = new ConfirmationFeed(bus, _dir["state/offsets.json"]);

        FluentActions.Invoking(() => feed.ReadNew(out _)).Should().Throw<UnsafeFileException>().Where(e => e.Path == _dir["state/offsets.json"]);
        FluentActions.Invoking(() => feed.Commit(0)).Should().Throw<UnsafeFileException>();
        File.ReadAllText(victim).Should().Be(Victim);

        Directory.CreateDirectory(_dir["lock"]);
        File.CreateSymbolicLink(_dir["lock/offsets.json.lock"], victim);
        FluentActions.Invoking(() => new ConfirmationFeed(bus, _dir["lock/offsets.json"]).Claim())
            .Should().Throw<UnsafeFileException>("a link is not \"another host holds the lock\"");
        File.ReadAllText(victim).Should().Be(Victim);
    }

    [Test]
    public void An_approval_token_file_that_is_a_symlink_or_a_fifo_is_a_configuration_error_naming_it()
    {
        var victim = _dir.File("secret/other-token", "someone-elses-secret-token\n");
        File.CreateSymbolicLink(_dir["token"], victim);
        var fifo = Fifo("token-fifo");

        FluentActions.Invoking(() => ApprovalToken.Resolve(null, _dir["token"], "orchestrator.toml"))
            .Should().Throw<ConfigException>().Where(e => e.Message.Contains("approval_token_file") && e.Message.Contains(_dir["token"]) && e.Message.Contains("symbolic link"));
        FluentActions.Invoking(() => ApprovalToken.Resolve(null, fifo, "orchestrator.toml"))
            .Should().Throw<ConfigException>().Where(e => e.Message.Contains(fifo) && e.Message.Contains("FIFO"));
    }
}
