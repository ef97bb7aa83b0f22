namespace TmuxAgent.Replay.Compare;

/// <summary>Prints a comparison: one line per identical branch, details for a branch that differs.</summary>
internal static class ComparisonText
{
    private const int Width = 40;

    public static void Write(TextWriter o, RunComparison c, string left, string right)
    {
        o.WriteLine($"Comparing A: {left}");
        o.WriteLine($"     with B: {right}");
        if (c.Branches.Count == 0) o.WriteLine("No orchestrator events in either log.");
        foreach (var b in c.Branches)
        {
            if (!b.Differs)
            {
                o.WriteLine($"Branch {b.Branch}: same ({b.Left.Commands.Count} commands, max queue depth {b.Left.MaxQueueDepth})");
                continue;
            }
            o.WriteLine($"Branch {b.Branch}: differs");
            if (b.CommandsDiffer)
            {
                o.WriteLine($"  commands: A {b.Left.Commands.Count}, B {b.Right.Commands.Count}");
                o.WriteLine($"       {"A",-Width} | B");
                var row = 0;
                foreach (var (l, r) in SequenceAlignment.Align(b.Left.Commands, b.Right.Commands))
                {
                    row++;
                    var mark = l == r ? " " : "≠";
                    o.WriteLine($"  {mark}{row,4} {Cell(l),-Width} | {Cell(r)}");
                }
                if (b.OnlyLeft.Count > 0) o.WriteLine($"  only in A: {string.Join("; ", b.OnlyLeft)}");
                if (b.OnlyRight.Count > 0) o.WriteLine($"  only in B: {string.Join("; ", b.OnlyRight)}");
            }
            if (b.ConfirmationsDiffer)
            {
                o.WriteLine($"  confirmations requested: A {b.Left.Requested}, B {b.Right.Requested}");
                o.WriteLine($"  approved: A {b.Left.Approved.Count}, B {b.Right.Approved.Count}; denied: A {b.Left.Denied.Count}, B {b.Right.Denied.Count}");
            }
            if (b.DepthDiffers) o.WriteLine($"  max queue depth: A {b.Left.MaxQueueDepth}, B {b.Right.MaxQueueDepth}");
        }
        var differing = c.Branches.Count(b => b.Differs);
        o.WriteLine(differing == 0 ? "The runs match." : $"{differing} of {c.Branches.Count} branches differ.");
    }

    private static string Cell(string? s) => s is null ? "-" : s.Length <= Width ? s : s[..(Width - 1)] + "…";
}
