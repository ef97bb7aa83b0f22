using System.Buffers;
using TmuxAgent.Core.Audit;
using TmuxAgent.Core.Files;
using TmuxAgent.Core.Store;

namespace TmuxAgent.Host.Store;

/// <summary>The JSONL file <c>store compact</c> writes every dropped event to before deleting anything: audit lines
/// (<see cref="AuditLineWriter"/>, with <c>seq</c> and <c>id</c>), so <c>tmux-agent-orchestrator-replay --log</c> and
/// <c>rebuild-store</c> read it like the audit log. Created new (never overwritten), owner-only (0600).</summary>
public sealed class CompactionArchive : IDisposable
{
    private readonly FileStream _file;
    private readonly ArrayBufferWriter<byte> _line = new(1024);

    private CompactionArchive(string path, FileStream file) => (Path, _file) = (path, file);

    /// <summary>The archive file.</summary>
    public string Path { get; }

    /// <summary>Creates <paramref name="path"/> (and its folder); fails when it exists.</summary>
    /// <exception cref="IOException">The file exists or cannot be created.</exception>
    public static CompactionArchive Create(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.Read, BufferSize = 1 << 16 };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        return new CompactionArchive(full, RegularFile.Open(full, options, "compaction archive"));
    }

    /// <summary>Appends the audit line of <paramref name="e"/>.</summary>
    public ValueTask WriteAsync(StoredEvent e)
    {
        _line.ResetWrittenCount();
        AuditLineWriter.Write(_line, e);
        _line.Write("\n"u8);
        _file.Write(_line.WrittenSpan);
        return ValueTask.CompletedTask;
    }

    /// <summary>Writes everything through to the disk (fsync): after this the events may be deleted.</summary>
    public void Sync() => _file.Flush(flushToDisk: true);

    /// <summary>Closes the file.</summary>
    public void Dispose() => _file.Dispose();
}
