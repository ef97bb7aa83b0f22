using Microsoft.Win32.SafeHandles;
using TmuxAgent.Core.Audit;
using TmuxAgent.Replay.Summary;

namespace TmuxAgent.Replay.Sources;

/// <summary>
/// <c>--limit N</c>: reads the file backwards from its end until N parseable events are found, so the cost depends
/// on N, not on the file size. Skipped lines met on the way are numbered from the end of the file (1 = last line).
/// </summary>
internal static class TailFileScan
{
    public static ScanChunk Run(SafeFileHandle file, long length, int limit, ScanSettings settings, out long bytesRead)
    {
        var chunk = new ScanChunk(new LineScanner(settings.MaxDepth), settings.KeepSkipped);
        using var lines = new BackwardLineSplitter(file, length, settings.MaxLineBytes);
        var events = 0;
        while (events < limit && lines.Previous(out var line, out var bytes))
            if (chunk.Add(line, bytes)) events++;
        chunk.Records.Reverse();
        chunk.Skipped.Reverse();
        bytesRead = length - lines.Unread;
        chunk.Bytes = bytesRead;
        return chunk;
    }
}
