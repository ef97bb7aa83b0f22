using TmuxAgent.Replay.Summary;

namespace TmuxAgent.Replay.Sources;

/// <summary>Summarises a JSONL audit log: the whole file in parallel, or with <c>--limit</c> only its tail.</summary>
internal static class FileSummary
{
    /// <summary>The summary of the log at <paramref name="path"/> (printed as <paramref name="path"/>, as given);
    /// outstanding commands get their text for the first <paramref name="textsPerList"/> of each list (all when null).</summary>
    public static ReplaySummary Run(string path, SummaryFilter filter, int? limit, ScanSettings settings, Action<long, long>? progress = null, int? textsPerList = null)
    {
        var acc = new SummaryAccumulator(filter);
        if (!File.Exists(path)) return acc.Result(path, _ => null, settings.KeepSkipped, false);
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var length = RandomAccess.GetLength(file);
        if (limit is { } n)
        {
            using var tail = TailFileScan.Run(file, length, n, settings, out _);
            acc.Add(tail, numberedFromEnd: true);
        }
        else
        {
            acc.Expect(length);
            ParallelFileScan.Run(file, length, settings, c => acc.Add(c), done => progress?.Invoke(done, length));
        }
        var texts = new LineTexts(file);
        return acc.Result(path, texts.TextOf, settings.KeepSkipped, limit is not null, textsPerList);
    }
}
