namespace TmuxAgent.Core.Store;

/// <summary>An append found the stream at another version than expected; nothing was written.</summary>
public sealed class WrongExpectedVersionException(StreamName stream, ExpectedVersion expected, long actual)
    : Exception($"Stream '{stream}' is at version {actual}, the append expected {expected}.")
{
    /// <summary>The stream.</summary>
    public StreamName Stream { get; } = stream;
    /// <summary>What the writer expected.</summary>
    public ExpectedVersion Expected { get; } = expected;
    /// <summary>The stream's actual version (-1: no stream).</summary>
    public long Actual { get; } = actual;
}
