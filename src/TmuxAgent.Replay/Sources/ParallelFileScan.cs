using Microsoft.Win32.SafeHandles;
using TmuxAgent.Core.Audit;
using TmuxAgent.Replay.Summary;

namespace TmuxAgent.Replay.Sources;

/// <summary>
/// Scans a whole log in parallel: the file is cut at line breaks into chunks, worker threads scan chunks
/// (each with its own pooled buffer and scanner), and the caller folds the results strictly in file order.
/// At most two chunks per worker are in flight, so memory stays bounded whatever the file size; their record
/// buffers are pooled, so a long scan reuses the same few arrays.
/// </summary>
internal static class ParallelFileScan
{
    private const long MinChunk = 1 << 20, MaxChunk = 4 << 20;
    private const int TypicalLineBytes = 200;

    public static void Run(SafeFileHandle file, long length, ScanSettings settings, Action<ScanChunk> consume, Action<long>? progress = null)
    {
        var workers = Math.Max(1, Math.Min(Environment.ProcessorCount, settings.MaxWorkers));
        var chunkSize = Math.Clamp(length / (workers * 4), MinChunk, MaxChunk);
        var bounds = Boundaries(file, length, chunkSize);
        var count = bounds.Count - 1;
        if (count <= 1 || workers == 1)
        {
            for (var i = 0; i < count; i++)
            {
                using var chunk = Scan(file, bounds[i], bounds[i + 1], settings, new LineScanner(settings.MaxDepth));
                consume(chunk);
                progress?.Invoke(bounds[i + 1]);
            }
            return;
        }
        var results = new TaskCompletionSource<ScanChunk>[count];
        for (var i = 0; i < count; i++) results[i] = new TaskCompletionSource<ScanChunk>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var window = new SemaphoreSlim(workers * 2);
        var next = -1;
        var threads = Enumerable.Range(0, Math.Min(workers, count)).Select(_ => new Thread(() =>
        {
            var scanner = new LineScanner(settings.MaxDepth);
            while (true)
            {
                window.Wait();
                var i = Interlocked.Increment(ref next);
                if (i >= count) { window.Release(); return; }
                try { results[i].SetResult(Scan(file, bounds[i], bounds[i + 1], settings, scanner)); }
                catch (Exception x) { results[i].SetException(x); }
            }
        }) { IsBackground = true, Name = "replay-scan" }).ToList();
        threads.ForEach(t => t.Start());
        for (var i = 0; i < count; i++)
        {
            using var chunk = results[i].Task.GetAwaiter().GetResult();
            results[i] = null!;
            consume(chunk);
            window.Release(); // after the chunk's records went back to the pool: at most 2 chunks per worker in memory
            progress?.Invoke(bounds[i + 1]);
        }
        threads.ForEach(t => t.Join());
    }

    private static ScanChunk Scan(SafeFileHandle file, long start, long end, ScanSettings settings, LineScanner scanner)
    {
        var chunk = new ScanChunk(scanner, settings.KeepSkipped, (int)((end - start) / TypicalLineBytes)) { Bytes = end - start };
        using var splitter = new LineSplitter(file, start, end, settings.MaxLineBytes);
        while (splitter.Next(out var line, out var bytes)) chunk.Add(line, bytes);
        return chunk;
    }

    /// <summary>Chunk starts: 0, then the first line start at or after each multiple of <paramref name="chunkSize"/>, then the length.</summary>
    internal static List<long> Boundaries(SafeFileHandle file, long length, long chunkSize)
    {
        var bounds = new List<long> { 0 };
        Span<byte> block = stackalloc byte[4096];
        Span<byte> one = stackalloc byte[1];
        for (var target = chunkSize; target < length; target += chunkSize)
        {
            var pos = Math.Max(target, bounds[^1]);
            long found = -1;
            while (pos < length && found < 0)
            {
                var n = RandomAccess.Read(file, block, pos);
                if (n == 0) break;
                var i = block[..n].IndexOfAny((byte)'\n', (byte)'\r');
                if (i < 0) { pos += n; continue; }
                var at = pos + i;
                found = at + 1;
                if (block[i] == '\r')
                    if (RandomAccess.Read(file, one, at + 1) == 1 && one[0] == '\n') found = at + 2;
            }
            if (found < 0 || found >= length) break;
            if (found > bounds[^1]) bounds.Add(found);
        }
        bounds.Add(length);
        return bounds;
    }
}

/// <summary>Limits and switches of a scan.</summary>
/// <param name="MaxLineBytes">Longer lines are skipped.</param>
/// <param name="MaxDepth">Deeper lines are skipped.</param>
/// <param name="KeepSkipped">Keep each skipped line (for <c>--show-skipped</c>), not only the counts.</param>
/// <param name="MaxWorkers">Upper bound of worker threads.</param>
internal sealed record ScanSettings(int MaxLineBytes = 4 << 20, int MaxDepth = 512, bool KeepSkipped = false, int MaxWorkers = 8);
