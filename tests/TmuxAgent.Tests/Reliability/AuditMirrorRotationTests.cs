using System.Text.Json;
using TmuxAgent.Core.Audit;
using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;
using TmuxAgent.Core.Serialization;
using TmuxAgent.Core.Store;
using TmuxAgent.Tests.Audit;

namespace TmuxAgent.Tests.Reliability;

/// <summary>logrotate (rename-based, dateext, delaycompress) and a deleted log, with real files.</summary>
public class AuditMirrorRotationTests
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
        _path = Path.Combine(_dir.Path, "orchestrator-actions.jsonl");
    }

    [TearDown] public void TearDown() => _dir.Dispose();

    [Test]
    public async Task After_a_rename_the_mirror_writes_a_new_file_and_never_the_renamed_one()
    {
        var mirror = new AuditMirror(_path, _store);
        await Append(3);
        await mirror.SyncAsync();
        File.Move(_path, _path + "-20261125");
        var rotatedBefore = File.ReadAllText(_path + "-20261125");

        await Append(2);
        await mirror.SyncAsync();

        File.ReadAllText(_path + "-20261125").Should().Be(rotatedBefore, "the renamed file is not written again");
        Seqs(_path).Should().Equal(4, 5);
    }

    [TestCase("-20261125")]
    [TestCase(".1")]
    public async Task A_missing_live_file_continues_after_the_newest_rotated_sibling(string suffix)
    {
        var mirror = new AuditMirror(_path, _store);
        await Append(2);
        await mirror.SyncAsync();
        File.Move(_path, _path + "-20261101");
        await Append(2);
        await mirror.SyncAsync();
        File.Move(_path, _path + suffix);
        File.SetLastWriteTimeUtc(_path + "-20261101", DateTime.UtcNow.AddDays(-20));
        File.WriteAllText(_path + "-20261001.gz", "not a log");
        await Append(1);

        await new AuditMirror(_path, _store).SyncAsync(); // a restarted host, too

        Seqs(_path).Should().Equal(5);
        Seqs(_path + "-20261101").Concat(Seqs(_path + suffix)).Concat(Seqs(_path)).Should().Equal(1, 2, 3, 4, 5);
    }

    [Test]
    public async Task An_emptied_live_file_continues_after_the_rotated_sibling()
    {
        var mirror = new AuditMirror(_path, _store);
        await Append(2);
        await mirror.SyncAsync();
        File.Copy(_path, _path + ".1");
        File.WriteAllText(_path, "");
        await Append(1);

        await mirror.SyncAsync();

        Seqs(_path).Should().Equal(3);
    }

    [Test]
    public async Task A_deleted_log_with_no_rotated_sibling_is_rewritten_from_the_store()
    {
        var mirror = new AuditMirror(_path, _store);
        await Append(3);
        await mirror.SyncAsync();
        File.Delete(_path);
        await Append(1);

        await mirror.SyncAsync();

        Seqs(_path).Should().Equal(1, 2, 3, 4);
    }

    private async Task Append(int count)
    {
        var stream = StreamName.ForBranch("demo/rotate");
        for (var i = 0; i < count; i++)
            await _store.AppendAsync(stream, ExpectedVersion.Any, [NumberedEvents.Queued("demo/rotate", ++_next)]);
    }

    private static long[] Seqs(string path) => File.ReadAllLines(path).Where(l => l.Length > 0)
        .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("seq").GetInt64()).ToArray();
}
