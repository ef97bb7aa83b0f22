using TmuxAgent.Replay.Cli;

namespace TmuxAgent.Tests.Replay;

/// <summary>Runs the replay command line in-process, capturing stdout and stderr.</summary>
internal static class ReplayCli
{
    public static async Task<(int ExitCode, string Stdout, string Stderr)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await ReplayCommandLine.RunAsync(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
