using System.Text;
using TmuxAgent.Core.Audit;
using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;
using TmuxAgent.Core.Serialization;
using TmuxAgent.Core.Store;

namespace TmuxAgent.Tests.Audit;

public class AuditMirrorTests
{
    private TempDir _dir = null!;
    private InMemoryEventStore _store = null!;
    private string _path = null!;
    private int _next;

    [SetUp]
    public void SetUp()
    {
        _dir = new TempDir();
        _store = new InMemoryEventStore();
        _path = Path.Combine(_dir.Path, ".tmuxagent", "logs", "orchestrator-actions.jsonl");
        _next = 0;
    }

    [TearDown] public void TearDown() => _dir.Dispose();

    private async Task Append(string branch, int count)
    {
        var events = Enumerable.Range(0, count).Select(_ => NumberedEvents.Queued(branch, ++_next)).ToList();
        await _store.AppendAsync(StreamName.ForBranch(branch), ExpectedVersion.Any, events);
    }

    private List<long> SeqsInFile() =>
        new AuditLogReader().ReadFile(_path).Select(e => e.Should().BeOfType<AuditLine>().Subject.Seq!.Value).ToList();

    [Test]
    public async Task Given_an_empty_store_when_synced_then_the_file_is_created_private_in_a_private_folder()
    {
        var result = await new AuditMirror(_path, _store).SyncAsync();

        result.Should().Be(new MirrorSyncResult(0, false, 0));
        File.Exists(_path).Should().BeTrue();
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(_path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.GetUnixFileMode(Path.GetDirectoryName(_path)!).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [Test]
    public async Task Given_a_file_missing_its_tail_when_synced_then_only_the_missing_events_are_appended()
    {
        await Append("a/x", 3);
        var mirror = new AuditMirror(_path, _store);
        (await mirror.SyncAsync()).Should().Be(new MirrorSyncResult(3, false, 3));
        await Append("b/y", 2);
        await Append("a/x", 1);

        var result = await mirror.SyncAsync();

        result.Should().Be(new MirrorSyncResult(3, false, 6));
        SeqsInFile().Should().Equal(1, 2, 3, 4, 5, 6);
    }

    [Test]
    public async Task Syncing_twice_duplicates_nothing_even_with_a_new_mirror_instance()
    {
        await Append("a/x", 5);
        await new AuditMirror(_path, _store).SyncAsync();

        var again = await new AuditMirror(_path, _store).SyncAsync();

        again.Should().Be(new MirrorSyncResult(0, false, 5));
        SeqsInFile().Should().Equal(1, 2, 3, 4, 5);
    }

    [Test]
    public async Task Given_a_torn_last_line_when_synced_then_it_is_cut_off_and_rewritten_whole()
    {
        await Append("a/x", 4);
        await new AuditMirror(_path, _store).SyncAsync();
        var bytes = await File.ReadAllBytesAsync(_path);
        var lastLineStart = Array.LastIndexOf(bytes, (byte)'\n', bytes.Length - 2) + 1;
        await File.WriteAllBytesAsync(_path, bytes[..(lastLineStart + 20)]); // crash in the middle of line 4

        var result = await new AuditMirror(_path, _store).SyncAsync();

        result.Should().Be(new MirrorSyncResult(1, true, 4, 20));
        (await File.ReadAllBytesAsync(_path)).Should().Equal(bytes);
        (await File.ReadAllBytesAsync(_path + ".damaged")).Should().Equal([.. bytes[lastLineStart..(lastLineStart + 20)], (byte)'\n'], "the half line is kept aside");
    }

    [Test]
    public async Task Given_an_unparseable_terminated_last_line_when_synced_then_it_is_moved_aside()
    {
        await Append("a/x", 2);
        await new AuditMirror(_path, _store).SyncAsync();
        var good = await File.ReadAllBytesAsync(_path);
        const string garbage = "{\"ts\": 1, \"seq\": 99, garbage\n";
        await File.AppendAllTextAsync(_path, garbage);

        var result = await new AuditMirror(_path, _store).SyncAsync();

        result.Should().Be(new MirrorSyncResult(0, true, 2, garbage.Length));
        (await File.ReadAllBytesAsync(_path)).Should().Equal(good);
        (await File.ReadAllTextAsync(_path + ".damaged")).Should().Be(garbage);
    }

    [Test]
    public async Task Given_an_original_log_when_synced_then_its_lines_are_kept_and_the_store_appended_after_them()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        var original = "{\"ts\": 1763900001.9, \"branch\": \"a/x\", \"event\": \"command\", \"payload\": {\"text\": \"ls\"}}\n\n";
        await File.WriteAllTextAsync(_path, original);
        await Append("a/x", 2);

        var result = await new AuditMirror(_path, _store).SyncAsync();

        result.Should().Be(new MirrorSyncResult(2, false, 2));
        var text = await File.ReadAllTextAsync(_path);
        text.Should().StartWith(original);
        new AuditLogReader().ReadFile(_path).OfType<AuditLine>().Select(l => l.Seq).Should().Equal(null, 1, 2);
    }

    [Test]
    public async Task Rebuild_rewrites_the_file_from_the_store_and_leaves_no_temporary_file()
    {
        await Append("a/x", 3);
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        await File.WriteAllTextAsync(_path, "junk\n{\"seq\": 77}\n");

        var result = await new AuditMirror(_path, _store).RebuildAsync();

        result.Should().Be(new MirrorSyncResult(3, false, 3));
        SeqsInFile().Should().Equal(1, 2, 3);
        Directory.GetFiles(Path.GetDirectoryName(_path)!).Should().ContainSingle();
    }

    [Test]
    public async Task Mirrored_lines_rebuild_the_stored_events()
    {
        await Append("a/x", 3);
        await new AuditMirror(_path, _store).SyncAsync();

        var rebuilt = new AuditLogReader().ReadFile(_path).Cast<AuditLine>()
            .Select(l => AuditLineDecoder.TryDecode(l, out _)!.Event).ToList();

        var stored = (await _store.ReadAllAsync()).Select(EventSerializer.FromStored).ToList();
        rebuilt.Should().BeEquivalentTo(stored, o => o.RespectingRuntimeTypes().WithStrictOrdering());
        Encoding.UTF8.GetString(await File.ReadAllBytesAsync(_path)).Should().EndWith("\n");
    }
}
