namespace TmuxAgent.Replay.Cli;

/// <summary>Exit codes shared with the orchestrator (FORMATS.md).</summary>
internal static class ExitCodes
{
    /// <summary>Done (a log with bad lines is still a success: they are reported).</summary>
    public const int Ok = 0;
    /// <summary><c>compare</c> found differences; <c>rerun</c> found decisions that would change.</summary>
    public const int Differences = 1;
    /// <summary>Bad usage or configuration (file, line and key named on stderr).</summary>
    public const int Usage = 2;
}

/// <summary>A usage or configuration error: printed on stderr, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
