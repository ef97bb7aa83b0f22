namespace TmuxAgent.Replay.Compare;

/// <summary>Lines up two command sequences side by side (longest common subsequence), so an inserted command
/// shows as one gap instead of shifting every row after it.</summary>
internal static class SequenceAlignment
{
    /// <summary>Above this many cells the sequences are lined up by position instead.</summary>
    private const long MaxCells = 16_000_000;

    public static List<(string? Left, string? Right)> Align(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        if ((long)(a.Count + 1) * (b.Count + 1) > MaxCells)
            return Enumerable.Range(0, Math.Max(a.Count, b.Count))
                .Select(i => (i < a.Count ? a[i] : null, i < b.Count ? (string?)b[i] : null)).ToList();
        var lcs = new int[a.Count + 1, b.Count + 1];
        for (var i = a.Count - 1; i >= 0; i--)
        for (var j = b.Count - 1; j >= 0; j--)
            lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
        var rows = new List<(string?, string?)>();
        int x = 0, y = 0;
        while (x < a.Count || y < b.Count)
        {
            if (x < a.Count && y < b.Count && a[x] == b[y]) { rows.Add((a[x++], b[y++])); continue; }
            if (y >= b.Count || (x < a.Count && lcs[x + 1, y] >= lcs[x, y + 1])) rows.Add((a[x++], null));
            else rows.Add((null, b[y++]));
        }
        return rows;
    }
}
