namespace TmuxAgent.Core.Store;

/// <summary>Checks shared by every backend.</summary>
public static class StoreGuard
{
    /// <summary>Throws <see cref="WrongExpectedVersionException"/> unless a stream at <paramref name="actual"/> satisfies <paramref name="expected"/>.</summary>
    public static void CheckVersion(StreamName stream, ExpectedVersion expected, long actual)
    {
        if (expected == ExpectedVersion.Any || expected.Value == actual) return;
        throw new WrongExpectedVersionException(stream, expected, actual);
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for a backward read of fewer than one event.</summary>
    public static void CheckBackward(int maxCount) => ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
}
