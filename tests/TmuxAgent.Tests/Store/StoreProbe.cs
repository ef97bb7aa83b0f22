using System.Diagnostics;
using System.Text;

namespace TmuxAgent.Tests.Store;

/// <summary>A running TmuxAgent.StoreProbe child process (built next to the tests) with its output collected.</summary>
internal sealed class StoreProbe : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly List<string> _lines = [];
    private readonly Lock _gate = new();
    private TaskCompletionSource _lineSeen = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private StoreProbe(Process process) => _process = process;

    public string Output { get { lock (_gate) return _output.ToString(); } }

    public static StoreProbe Start(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "probe", "TmuxAgent.StoreProbe.dll");  // its own output: see the test csproj
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var a in args) info.ArgumentList.Add(a);
        var p = new Process { StartInfo = info };
        var probe = new StoreProbe(p);
        p.OutputDataReceived += (_, e) => probe.Received(e.Data, stdout: true);
        p.ErrorDataReceived += (_, e) => probe.Received(e.Data, stdout: false);
        p.Start();
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return probe;
    }

    private void Received(string? line, bool stdout)
    {
        if (line is null) return;
        TaskCompletionSource seen;
        lock (_gate)
        {
            _output.AppendLine(line);
            if (stdout) _lines.Add(line);
            seen = _lineSeen;
            _lineSeen = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        seen.TrySetResult();
    }

    /// <summary>Waits until the probe printed <paramref name="line"/>; fails if it exits first.</summary>
    public async Task WaitForLineAsync(string line)
    {
        using var cts = new CancellationTokenSource(Patience);
        while (true)
        {
            Task next;
            lock (_gate)
            {
                if (_lines.Contains(line)) return;
                next = _lineSeen.Task;
            }
            if (_process.HasExited && !_lines.Contains(line))
            {
                await _process.WaitForExitAsync(cts.Token);
                lock (_gate) if (_lines.Contains(line)) return;
                Assert.Fail($"The probe exited ({_process.ExitCode}) before printing '{line}':\n{Output}");
            }
            await Task.WhenAny(next, Task.Delay(200, cts.Token));
        }
    }

    public async Task<int> WaitForExitAsync()
    {
        using var cts = new CancellationTokenSource(Patience);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    /// <summary>kill -9: no chance to roll back or clean up.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
    }
}
