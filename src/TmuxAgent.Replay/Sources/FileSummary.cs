using Microsoft.Win32.SafeHandles;
using TmuxAgent.Core.Projections.Replay;
using TmuxAgent.Replay.Compare;
using TmuxAgent.Replay.Summary;

namespace TmuxAgent.Replay.Sources;

/// <summary>Folds a JSONL audit log into Core's <see cref="ReplayProjection"/>: the whole file in parallel, or with
/// <c>--limit</c> only its tail.</summary>
internal static class FileSummary
{
    /// <summary>The summary of the log at <paramref name="path"/> (printed as <paramref name="path"/>, as given);
    /// outstanding commands get their text for the first <paramref name="textsPerList"/> of each list (all when null).</summary>
    public static ReplaySummary Run(string path, ReplayFilter filter, int? limit, ScanSettings settings, Action<long, long>? progress = null, int? textsPerList = null)
    {
        var fold = new SummaryFold(filter);
        if (!File.Exists(path)) return fold.Result(path, _ => null, settings.KeepSkipped, false);
        using var file = Open(path);
        Scan(file, fold, limit, settings, progress);
        var texts = new LineTexts(file);
        return fold.Result(path, texts.TextOf, settings.KeepSkipped, limit is not null, textsPerList);
    }

    /// <summary>Each branch's commands, confirmations and max queue depth (what <c>compare</c> compares), after
    /// <c>--limit</c> (0: none), then <paramref name="branch"/>.</summary>
    public static List<BranchDigest> Branches(string path, string? branch, int? limit, ScanSettings settings)
    {
        if (!File.Exists(path)) throw new Cli.UsageException($"{path}: no such log file");
        var fold = new SummaryFold(new ReplayFilter(branch), perBranch: true);
        using var file = Open(path);
        Scan(file, fold, limit is > 0 ? limit : null, settings, null);
        var texts = new LineTexts(file);
        return fold.Projection.Figures().Branches.Select(a => BranchDigest.Of(a, texts.TextOf)).ToList();
    }

    private static SafeFileHandle Open(string path) => File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);

    private static void Scan(SafeFileHandle file, SummaryFold fold, int? limit, ScanSettings settings, Action<long, long>? progress)
    {
        var length = RandomAccess.GetLength(file);
        if (limit is { } n)
        {
            using var tail = TailFileScan.Run(file, length, n, settings, out _);
            fold.Add(tail, numberedFromEnd: true);
            return;
        }
        fold.Expect(length);
        ParallelFileScan.Run(file, length, settings, c => fold.Add(c), done => progress?.Invoke(done, length));
    }
}
