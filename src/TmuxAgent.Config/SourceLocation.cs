namespace TmuxAgent.Config;

/// <summary>Where something is in a configuration file: 1-based line and column (0 when unknown).</summary>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    /// <summary><c>file:line:col</c>, or <c>file:line</c> without a column, or just the file.</summary>
    public override string ToString() =>
        Line <= 0 ? File : Column <= 0 ? $"{File}:{Line}" : $"{File}:{Line}:{Column}";
}
