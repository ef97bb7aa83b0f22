namespace TmuxAgent.Core.Store;

/// <summary>The name of an event stream (what a stream holds is named in <see cref="BranchStreams"/>).</summary>
public readonly record struct StreamName
{
    /// <summary>Wraps a stream name.</summary>
    public StreamName(string value)
    {
        if (string.IsNullOrWhiteSpace(value)) throw new ArgumentException("A stream name cannot be empty.", nameof(value));
        Value = value;
    }

    /// <summary>The stored name.</summary>
    public string Value { get; }

    /// <inheritdoc />
    public override string ToString() => Value;
}
