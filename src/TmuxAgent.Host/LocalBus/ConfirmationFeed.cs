using System.Text;
using System.Text.Json;
using TmuxAgent.Core.Files;

namespace TmuxAgent.Host.LocalBus;

/// <summary>
/// Reads new complete lines of <c>confirmations.jsonl</c> from a byte offset persisted in <paramref name="offsetFile"/>,
/// so a restart neither misses nor re-reads records. A truncated file starts over from the beginning. A missing offsets
/// file, and a corrupt one (not JSON, not an object of whole numbers, no or a negative offset), start at the current end:
/// records already in the file are history, never applied again; a corrupt one also leaves a warning (<see cref="TakeWarning"/>).
/// Several hosts sharing the offset file (several processes on one machine, one bus folder) take turns through
/// <see cref="Claim"/>, and the offset is read from the file each time, so each record is applied by one host once.
/// The bus file, the offsets file and its lock must be regular files reached without a symbolic link: anything else
/// throws <see cref="UnsafeFileException"/> and nothing is read or applied.
/// </summary>
public sealed class ConfirmationFeed(string path, string offsetFile)
{
    private long? _offset;
    private int _line;
    private string? _warning;

    /// <summary>What went wrong with the offsets file since the last call (once), for the log and a notification.</summary>
    public string? TakeWarning()
    {
        var w = _warning;
        _warning = null;
        return w;
    }

    /// <summary>The file read.</summary>
    public string Path { get; } = path;

    /// <summary>Takes the feed for one read-apply-commit round: an exclusive lock on <c>OFFSETFILE.lock</c>, held until
    /// disposed. Null when another process holds it (it is applying the same records; try again next cycle).</summary>
    public IDisposable? Claim()
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(offsetFile))!);
        try { return RegularFile.Open(offsetFile + ".lock", new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None }, "LocalBus offsets lock"); }
        catch (IOException e) when (e is not UnsafeFileException) { return null; }
    }

    /// <summary>Longest line read (bytes, without the newline): a longer one is skipped with an error naming its line,
    /// read through in chunks, never held in memory whole. A confirmation record is a few hundred bytes.</summary>
    public const int MaxLineBytes = 64 * 1024;

    /// <summary>Most lines handled per call; the rest waits for the next cycle (memory stays bounded on a huge backlog).</summary>
    public const int MaxLinesPerRead = 1000;

    /// <summary>New records (or per-line errors) since the last <see cref="Commit"/>ted offset, up to <see cref="MaxLinesPerRead"/>.
    /// A last line without its newline yet is left for later.</summary>
    public IReadOnlyList<(ConfirmationRecord? Record, string? Error, int Line)> ReadNew(out long nextOffset)
    {
        var (offset, line) = Load();
        nextOffset = offset;
        if (!File.Exists(Path)) return [];
        using var f = OpenRead(Path);
        if (f.Length < offset) { offset = 0; line = 0; nextOffset = 0; }
        f.Seek(offset, SeekOrigin.Begin);

        var results = new List<(ConfirmationRecord?, string?, int)>();
        var chunk = new byte[16 * 1024];
        using var current = new MemoryStream();
        var oversized = false;
        var chunkStart = offset;
        int n;
        while (results.Count < MaxLinesPerRead && (n = f.Read(chunk)) > 0)
        {
            for (var from = 0; from < n && results.Count < MaxLinesPerRead;)
            {
                var newline = Array.IndexOf(chunk, (byte)'\n', from, n - from);
                var to = newline < 0 ? n : newline;
                if (!oversized && current.Length + (to - from) > MaxLineBytes) { oversized = true; current.SetLength(0); }
                if (!oversized) current.Write(chunk, from, to - from);
                if (newline < 0) break;

                line++;
                nextOffset = chunkStart + newline + 1;
                if (oversized) results.Add((null, $"line longer than {MaxLineBytes} bytes; ignored", line));
                else
                {
                    var raw = Encoding.UTF8.GetString(current.GetBuffer(), 0, (int)current.Length);
                    if (!string.IsNullOrWhiteSpace(raw))
                    {
                        var (record, error) = ConfirmationRecord.Parse(raw, line);
                        results.Add((record, error, line));
                    }
                }
                current.SetLength(0);
                oversized = false;
                from = newline + 1;
            }
            chunkStart += n;
        }
        _pendingLine = line;
        return results;
    }

    private int _pendingLine;

    /// <summary>Persists <paramref name="offset"/> (after the records up to it were applied).</summary>
    public void Commit(long offset)
    {
        _offset = offset;
        _line = _pendingLine;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(offsetFile))!);
        RegularFile.Check(offsetFile, "LocalBus offsets file");
        // a fresh temporary name, created exclusively: a link planted at a fixed name cannot redirect the write
        var tmp = $"{offsetFile}.{Environment.ProcessId}-{Guid.NewGuid():N}.tmp";
        try
        {
            using (var f = new FileStream(tmp, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write }))
                f.Write(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, long> { ["offset"] = offset, ["line"] = _line }, HostJsonContext.Default.DictionaryStringInt64));
            File.Move(tmp, offsetFile, overwrite: true);
        }
        finally { if (File.Exists(tmp)) File.Delete(tmp); }
    }

    /// <summary>First run: records written before the host ever ran are history, not requests (an old approval
    /// must not approve a new command with the same text), so reading starts at the current end.</summary>
    private void StartAtEnd()
    {
        long end = 0, read = 0;
        var lines = 0;
        if (File.Exists(Path))
        {
            using var f = OpenRead(Path);
            var chunk = new byte[64 * 1024];
            int n;
            while ((n = f.Read(chunk)) > 0)   // streamed: a huge old file is counted, never held in memory
            {
                var span = chunk.AsSpan(0, n);
                lines += span.Count((byte)'\n');
                var last = span.LastIndexOf((byte)'\n');
                if (last >= 0) end = read + last + 1;
                read += n;
            }
        }
        _pendingLine = lines;
        Commit(end);
    }

    private static FileStream OpenRead(string path) => RegularFile.Open(path,
        new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.ReadWrite | FileShare.Delete, BufferSize = 1 }, "LocalBus confirmations file");

    private (long Offset, int Line) Load()
    {
        try
        {
            var saved = JsonSerializer.Deserialize(RegularFile.ReadAllText(offsetFile, "LocalBus offsets file"), HostJsonContext.Default.DictionaryStringInt64);
            if (saved is null || !saved.TryGetValue("offset", out var offset) || offset < 0 || saved.GetValueOrDefault("line") is < 0 or > int.MaxValue)
                throw new JsonException("expected {\"offset\": N, \"line\": N} with whole numbers of at least 0");
            _offset = offset;
            _line = (int)saved.GetValueOrDefault("line");
        }
        catch (FileNotFoundException) { StartAtEnd(); }
        catch (DirectoryNotFoundException) { StartAtEnd(); }
        catch (JsonException e)
        {
            // A reset to 0 would apply every old approval again; the end is the only safe place to carry on from.
            StartAtEnd();
            _warning = $"{offsetFile} is corrupt ({e.Message}); reading {Path} from its current end: records written "
                + "before now are not applied (write them again if they are still wanted)";
        }
        return (_offset ?? 0, _line);
    }
}
