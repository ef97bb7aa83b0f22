using System.Diagnostics;
using System.Text;

namespace TmuxAgent.Tests.Host.Cli;

/// <summary>The real <c>tmux-agent-orchestrator</c> as a child process: the build copied next to the tests, run with
/// <c>dotnet</c>, or the Native AOT binary named by <c>TMUXAGENT_HOST_NATIVE</c> (every test that starts the host then runs
/// the native one), or the binary a test passes.</summary>
public sealed class HostProcess : IDisposable
{
    /// <summary>The environment variable naming a published native host (scripts/publish-host.sh).</summary>
    public const string NativeVariable = "TMUXAGENT_HOST_NATIVE";

    private readonly Process _p;
    private readonly StringBuilder _out = new();
    private readonly StringBuilder _err = new();

    public HostProcess(string workDir, params string[] args) : this(Environment.GetEnvironmentVariable(NativeVariable) is { Length: > 0 } n ? n : null, workDir, (IReadOnlyList<string>)args)
    {
    }

    /// <summary>Starts <paramref name="executable"/> (null: the dotnet build next to the tests).</summary>
    public static HostProcess StartExecutable(string? executable, string workDir, params string[] args) => new(executable, workDir, (IReadOnlyList<string>)args);

    private HostProcess(string? executable, string workDir, IReadOnlyList<string> args)
    {
        var psi = new ProcessStartInfo(executable ?? "dotnet")
        {
            WorkingDirectory = workDir, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        if (executable is null) psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "tmux-agent-orchestrator.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["HOME"] = workDir;
        _p = Process.Start(psi)!;
        _p.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_out) _out.AppendLine(e.Data); };
        _p.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_err) _err.AppendLine(e.Data); };
        _p.BeginOutputReadLine();
        _p.BeginErrorReadLine();
    }

    public int Pid => _p.Id;

    /// <summary>SIGKILL (kill -9) of the host alone, as a crash: no shutdown code runs.</summary>
    public void Kill9()
    {
        if (_p.HasExited) return;
        _p.Kill(entireProcessTree: false);
        _p.WaitForExit();
    }
    public string StdOut { get { lock (_out) return _out.ToString(); } }
    public string StdErr { get { lock (_err) return _err.ToString(); } }

    /// <summary>The exit code, or null if it did not exit within <paramref name="seconds"/>.</summary>
    public int? WaitForExit(double seconds)
    {
        if (!_p.WaitForExit(TimeSpan.FromSeconds(seconds))) return null;
        _p.WaitForExit();
        return _p.ExitCode;
    }

    public static (int Code, string Out, string Err) Run(string workDir, params string[] args)
    {
        using var h = new HostProcess(workDir, args);
        var code = h.WaitForExit(60) ?? throw new TimeoutException("the host did not exit");
        return (code, h.StdOut, h.StdErr);
    }

    /// <summary>Runs <paramref name="executable"/> (null: the dotnet build) to its end.</summary>
    public static (int Code, string Out, string Err) RunExecutable(string? executable, string workDir, params string[] args)
    {
        using var h = StartExecutable(executable, workDir, args);
        var code = h.WaitForExit(60) ?? throw new TimeoutException("the host did not exit");
        return (code, h.StdOut, h.StdErr);
    }

    public void Dispose()
    {
        if (!_p.HasExited) _p.Kill(entireProcessTree: true);
        _p.Dispose();
    }
}
