namespace TmuxAgent.Core.Audit;

/// <summary>
/// The files logrotate left beside a mirror (rename-based, <c>dateext</c> or numbered, <c>delaycompress</c>):
/// <c>orchestrator-actions.jsonl-20261125</c>, <c>orchestrator-actions.jsonl.1</c>. Compressed and temporary files are ignored.
/// </summary>
internal static class RotatedSiblings
{
    private static readonly string[] Skipped = [".gz", ".xz", ".bz2", ".zst", ".tmp"];

    /// <summary>The last <c>seq</c> of the newest uncompressed rotated sibling of <paramref name="path"/>, or null when there is none.</summary>
    public static long? LastSeq(string path)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        var name = Path.GetFileName(full);
        if (!Directory.Exists(dir)) return null;
        var newest = Directory.EnumerateFiles(dir, name + "*")
            .Where(f => IsRotated(Path.GetFileName(f), name))
            .Select(f => new FileInfo(f))
            .Where(f => f.Length > 0)
            .OrderByDescending(f => f.LastWriteTimeUtc)
            .FirstOrDefault();
        if (newest is null) return null;
        using var handle = File.OpenHandle(newest.FullName, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return MirrorTail.Inspect(handle).LastSeq;
    }

    private static bool IsRotated(string file, string name) =>
        file.Length > name.Length + 1 && (file[name.Length] is '-' or '.')
        && !Skipped.Any(s => file.EndsWith(s, StringComparison.OrdinalIgnoreCase));
}
