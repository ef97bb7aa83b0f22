namespace TmuxAgent.Replay.Compare;

/// <summary>Two recorded runs (e.g. a dry-run drill and production) compared branch by branch.</summary>
internal sealed record RunComparison(IReadOnlyList<BranchComparison> Branches)
{
    public bool Differs => Branches.Any(b => b.Differs);

    /// <summary>Compares every branch seen in either run (each digested after <c>--limit</c>, then <c>--branch</c>).</summary>
    public static RunComparison Of(IReadOnlyList<BranchDigest> left, IReadOnlyList<BranchDigest> right)
    {
        var a = left.ToDictionary(d => d.Branch, StringComparer.Ordinal);
        var b = right.ToDictionary(d => d.Branch, StringComparer.Ordinal);
        var names = a.Keys.Union(b.Keys).OrderBy(n => n, StringComparer.Ordinal);
        return new RunComparison(names.Select(n => new BranchComparison(n, a.GetValueOrDefault(n) ?? new(), b.GetValueOrDefault(n) ?? new())).ToList());
    }
}

/// <summary>One branch in both runs.</summary>
internal sealed record BranchComparison(string Branch, BranchDigest Left, BranchDigest Right)
{
    public bool CommandsDiffer => !Left.Commands.SequenceEqual(Right.Commands, StringComparer.Ordinal);
    public bool ConfirmationsDiffer =>
        !Left.Approved.SequenceEqual(Right.Approved, StringComparer.Ordinal) || !Left.Denied.SequenceEqual(Right.Denied, StringComparer.Ordinal)
        || Left.Requested != Right.Requested;
    public bool DepthDiffers => Left.MaxQueueDepth != Right.MaxQueueDepth;
    public bool Differs => CommandsDiffer || ConfirmationsDiffer || DepthDiffers;

    /// <summary>Commands in the left run that the right run lacks, counting repeats (and the other way round).</summary>
    public IReadOnlyList<string> OnlyLeft => Minus(Left.Commands, Right.Commands);
    public IReadOnlyList<string> OnlyRight => Minus(Right.Commands, Left.Commands);

    private static List<string> Minus(List<string> a, List<string> b)
    {
        var counts = b.GroupBy(x => x, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var rest = new List<string>();
        foreach (var x in a)
        {
            if (counts.TryGetValue(x, out var n) && n > 0) counts[x] = n - 1;
            else rest.Add(x);
        }
        return rest;
    }
}
