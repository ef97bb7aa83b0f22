using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace TmuxAgent.Tests.Replay;

/// <summary>Runs the built <c>tmux-agent-orchestrator-replay</c> as a real process (TZ=UTC unless told otherwise).</summary>
internal static class ReplayProcess
{
    public static string SamplesDir([CallerFilePath] string here = "") => Path.Combine(Path.GetDirectoryName(here)!, "Samples");

    public static (int ExitCode, string Stdout, string Stderr) Run(string workingDirectory, params string[] args) =>
        RunExecutable(null, workingDirectory, args);

    /// <summary>Runs <paramref name="executable"/> (e.g. the Native AOT binary), or the built dll through <c>dotnet</c> when null.</summary>
    public static (int ExitCode, string Stdout, string Stderr) RunExecutable(string? executable, string workingDirectory, params string[] args)
    {
        var psi = new ProcessStartInfo(executable ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        if (executable is null) psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "tmux-agent-orchestrator-replay.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["TZ"] = "UTC";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(60_000)) { p.Kill(entireProcessTree: true); throw new TimeoutException("replay did not finish"); }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }
}
