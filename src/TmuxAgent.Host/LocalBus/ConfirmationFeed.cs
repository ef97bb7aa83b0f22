using System.Text;
using System.Text.Json;

namespace TmuxAgent.Host.LocalBus;

/// <summary>
/// Reads new complete lines of <c>confirmations.jsonl</c> from a byte offset persisted in <paramref name="offsetFile"/>,
/// so a restart neither misses nor re-reads records. A truncated file starts over from the beginning.
/// Several hosts sharing the offset file (several processes on one machine, one bus folder) take turns through
/// <see cref="Claim"/>, and the offset is read from the file each time, so each record is applied by one host once.
/// </summary>
public sealed class ConfirmationFeed(string path, string offsetFile)
{
    private long? _offset;
    private int _line;

    /// <summary>The file read.</summary>
    public string Path { get; } = path;

    /// <summary>Takes the feed for one read-apply-commit round: an exclusive lock on <c>OFFSETFILE.lock</c>, held until
    /// disposed. Null when another process holds it (it is applying the same records; try again next cycle).</summary>
    public IDisposable? Claim()
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(offsetFile))!);
        try { return new FileStream(offsetFile + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None); }
        catch (IOException) { return null; }
    }

    /// <summary>New records (or per-line errors) since the last <see cref="Commit"/>ted offset.</summary>
    public IReadOnlyList<(ConfirmationRecord? Record, string? Error, int Line)> ReadNew(out long nextOffset)
    {
        var (offset, line) = Load();
        nextOffset = offset;
        if (!File.Exists(Path)) return [];
        using var f = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (f.Length < offset) { offset = 0; line = 0; }
        f.Seek(offset, SeekOrigin.Begin);
        var buffer = new byte[f.Length - offset];
        var read = f.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        var end = Array.LastIndexOf(buffer, (byte)'\n', Math.Max(0, read - 1));
        if (read == 0 || end < 0) { nextOffset = offset; return []; }

        var results = new List<(ConfirmationRecord?, string?, int)>();
        foreach (var raw in Encoding.UTF8.GetString(buffer, 0, end + 1).Split('\n')[..^1])
        {
            line++;
            if (string.IsNullOrWhiteSpace(raw)) continue;
            var (record, error) = ConfirmationRecord.Parse(raw, line);
            results.Add((record, error, line));
        }
        nextOffset = offset + end + 1;
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
        var tmp = offsetFile + ".tmp";
        File.WriteAllText(tmp, JsonSerializer.Serialize(new Dictionary<string, long> { ["offset"] = offset, ["line"] = _line }));
        File.Move(tmp, offsetFile, overwrite: true);
    }

    /// <summary>First run: records written before the host ever ran are history, not requests (an old approval
    /// must not approve a new command with the same text), so reading starts at the current end.</summary>
    private void StartAtEnd()
    {
        var bytes = File.Exists(Path) ? File.ReadAllBytes(Path) : [];
        var end = Array.LastIndexOf(bytes, (byte)'\n') + 1;
        _pendingLine = bytes.AsSpan(0, end).Count((byte)'\n');
        Commit(end);
    }

    private (long Offset, int Line) Load()
    {
        try
        {
            var saved = JsonSerializer.Deserialize<Dictionary<string, long>>(File.ReadAllText(offsetFile));
            _offset = saved?.GetValueOrDefault("offset") ?? 0;
            _line = (int)(saved?.GetValueOrDefault("line") ?? 0);
        }
        catch (FileNotFoundException) { StartAtEnd(); }
        catch (DirectoryNotFoundException) { StartAtEnd(); }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException) { _offset = 0; _line = 0; }
        return (_offset ?? 0, _line);
    }
}
