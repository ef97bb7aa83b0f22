namespace TmuxAgent.Host.Cli;

/// <summary>Exit codes of FORMATS.md.</summary>
public static class ExitCodes
{
    /// <summary>Success (also after SIGTERM or Ctrl-C).</summary>
    public const int Ok = 0;
    /// <summary>A failed run.</summary>
    public const int Failed = 1;
    /// <summary>Bad configuration or usage.</summary>
    public const int BadConfig = 2;
}
