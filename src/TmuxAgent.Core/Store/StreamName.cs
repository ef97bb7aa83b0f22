namespace TmuxAgent.Core.Store;

/// <summary>The name of an event stream; a branch's stream is <c>branch-&lt;name&gt;</c>.</summary>
public readonly record struct StreamName
{
    private const string BranchPrefix = "branch-";

    /// <summary>Wraps a stream name.</summary>
    public StreamName(string value)
    {
        if (string.IsNullOrWhiteSpace(value)) throw new ArgumentException("A stream name cannot be empty.", nameof(value));
        Value = value;
    }

    /// <summary>The stored name.</summary>
    public string Value { get; }

    /// <summary>The stream of <paramref name="branch"/>.</summary>
    public static StreamName ForBranch(string branch) => new(BranchPrefix + branch);

    /// <summary>The branch of a branch stream, or null.</summary>
    public string? Branch => Value.StartsWith(BranchPrefix, StringComparison.Ordinal) ? Value[BranchPrefix.Length..] : null;

    /// <inheritdoc />
    public override string ToString() => Value;
}
