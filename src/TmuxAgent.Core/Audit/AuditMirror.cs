using System.Buffers;
using System.Text.Json;
using TmuxAgent.Core.Files;
using TmuxAgent.Core.Store;

namespace TmuxAgent.Core.Audit;

/// <summary>
/// Keeps <c>.tmuxagent/logs/orchestrator-actions.jsonl</c> in step with the store: one line per stored event,
/// in global order, with <c>seq</c> = global position and <c>id</c> = event id.
/// Writes are append-only whole lines; a new folder is created 0700 and a new file 0600. Each sync hands its lines to
/// the operating system (they survive a crash of the process); they reach the disk itself at each sync only with
/// <paramref name="flushToDisk"/>, since the store, not the mirror, is the record: lines a power cut takes are cut or
/// appended again from the store by the next sync. A rebuild is always flushed before it replaces the file.
/// The file is opened by path on every sync, so a file renamed away by logrotate is never written again: a missing or
/// empty file continues after the newest rotated sibling (<c>…jsonl-YYYYMMDD</c>, <c>…jsonl.1</c>), and a deleted log
/// with no sibling is rewritten from the store.
/// The file must be a regular file reached without a symbolic link (<see cref="RegularFile"/>): anything else is refused
/// with an <see cref="UnsafeFileException"/> before a byte is read or written. A damaged tail (a half-written or
/// unparseable last line) is never simply cut: its bytes are first appended to <see cref="DamagedPath"/>, then removed.
/// </summary>
/// <param name="path">The mirror file.</param>
/// <param name="reader">The store it mirrors.</param>
/// <param name="flushToDisk">Whether every sync waits for the disk (fsync); off by default.</param>
public sealed class AuditMirror(string path, IEventReader reader, bool flushToDisk = false)
{
    private const int PageSize = 1024;
    private const UnixFileMode DirMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode FileMode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);   // used under _gate only

    /// <summary>The mirror file.</summary>
    public string Path { get; } = path;

    /// <summary>Where damaged tails go (<c>….jsonl.damaged</c>, 0600, appended to, never overwritten).</summary>
    public string DamagedPath => Path + ".damaged";

    /// <summary>Moves a torn last line aside, then appends every stored event the file lacks. Never duplicates a line.</summary>
    public async Task<MirrorSyncResult> SyncAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            EnsureFolder();
            using var file = OpenForAppend(out var created);
            var tail = created ? new MirrorTail(0, 0, false) : MirrorTail.Inspect(file.SafeFileHandle);
            var movedAside = tail.Torn ? MoveTailAside(file, tail.KeepLength) : 0;
            // logrotate renamed the file away (or it was emptied): carry on after the newest rotated sibling's last line.
            // With no sibling either, the log was deleted and is rewritten from the store.
            if (file.Length == 0 && RotatedSiblings.LastSeq(Path) is { } rotated) tail = tail with { LastSeq = rotated };
            file.Seek(0, SeekOrigin.End);
            var (appended, last) = await AppendFromAsync(file, tail.LastSeq, ct).ConfigureAwait(false);
            return new MirrorSyncResult(appended, tail.Torn, last, movedAside);
        }
        finally { _gate.Release(); }
    }

    /// <summary>Rewrites the whole file from the store: written to a temporary file beside it, then renamed over it.</summary>
    public async Task<MirrorSyncResult> RebuildAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        var temp = $"{Path}.rebuild-{Environment.ProcessId}-{Guid.NewGuid():N}.tmp";
        try
        {
            EnsureFolder();
            RegularFile.Check(Path, "audit log");
            int appended;
            long last;
            await using (var file = new FileStream(temp, Private(new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.Read })))
            {
                (appended, last) = await AppendFromAsync(file, 0, ct).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
            }
            File.Move(temp, Path, overwrite: true);
            return new MirrorSyncResult(appended, false, last);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
            _gate.Release();
        }
    }

    private async Task<(int Appended, long LastSeq)> AppendFromAsync(FileStream file, long afterSeq, CancellationToken ct)
    {
        var appended = 0;
        var last = afterSeq;
        var buffer = _buffer;
        while (true)
        {
            var page = await reader.ReadAllAsync(last, PageSize, ct).ConfigureAwait(false);
            if (page.Count == 0) break;
            buffer.ResetWrittenCount();
            foreach (var e in page)
            {
                AuditLineWriter.Write(buffer, e);
                buffer.Write("\n"u8);
                last = e.Position;
            }
            await file.WriteAsync(buffer.WrittenMemory, ct).ConfigureAwait(false);
            appended += page.Count;
        }
        await file.FlushAsync(ct).ConfigureAwait(false);
        if (flushToDisk && appended > 0) file.Flush(flushToDisk: true);
        return (appended, last);
    }

    /// <summary>Copies the file's bytes from <paramref name="keep"/> to its end onto the end of <see cref="DamagedPath"/>
    /// (on disk before anything is cut), then cuts them. Returns how many bytes moved.</summary>
    private long MoveTailAside(FileStream file, long keep)
    {
        var length = file.Length;
        using (var damaged = RegularFile.Open(DamagedPath, Private(new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.Read }), "audit log's damaged-tail file"))
        {
            file.Seek(keep, SeekOrigin.Begin);
            file.CopyTo(damaged);
            Span<byte> last = stackalloc byte[1];
            if (RandomAccess.Read(file.SafeFileHandle, last, length - 1) == 1 && last[0] != (byte)'\n') damaged.Write("\n"u8);
            damaged.Flush(flushToDisk: true);
        }
        file.SetLength(keep);
        return length - keep;
    }

    private void EnsureFolder()
    {
        var dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!;
        if (Directory.Exists(dir)) return;
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(dir);
        else Directory.CreateDirectory(dir, DirMode);
    }

    private FileStream OpenForAppend(out bool created)
    {
        created = !File.Exists(Path);
        return RegularFile.Open(Path, Private(new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.Read }), "audit log");
    }

    /// <summary>A file created with these options is readable and writable by its owner only (0600).</summary>
    private static FileStreamOptions Private(FileStreamOptions o)
    {
        if (!OperatingSystem.IsWindows()) o.UnixCreateMode = FileMode0600;
        return o;
    }
}

/// <summary>What a sync did.</summary>
/// <param name="LinesAppended">Lines written.</param>
/// <param name="TornLineRepaired">Whether a half-written or unparseable last line was moved aside.</param>
/// <param name="LastSeq">Highest <c>seq</c> in the file afterwards.</param>
/// <param name="BytesMovedAside">How many bytes of a damaged tail went to <see cref="AuditMirror.DamagedPath"/>.</param>
public readonly record struct MirrorSyncResult(int LinesAppended, bool TornLineRepaired, long LastSeq, long BytesMovedAside = 0);
