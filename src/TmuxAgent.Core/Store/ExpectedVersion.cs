namespace TmuxAgent.Core.Store;

/// <summary>The version a writer expects a stream to be at: <see cref="Any"/>, <see cref="NoStream"/> or an exact version (0-based, of the last event).</summary>
public readonly record struct ExpectedVersion(long Value)
{
    /// <summary>Append whatever the stream's version.</summary>
    public static readonly ExpectedVersion Any = new(-2);

    /// <summary>The stream must not exist yet.</summary>
    public static readonly ExpectedVersion NoStream = new(-1);

    /// <summary>The stream's last event must have version <paramref name="version"/>.</summary>
    public static ExpectedVersion Exactly(long version) =>
        version < 0 ? throw new ArgumentOutOfRangeException(nameof(version)) : new(version);

    /// <summary>The version that expects a stream holding <paramref name="eventCount"/> events.</summary>
    public static ExpectedVersion AfterCount(long eventCount) => eventCount == 0 ? NoStream : new(eventCount - 1);

    /// <inheritdoc />
    public override string ToString() => Value switch { -2 => "any", -1 => "no stream", _ => Value.ToString() };
}
