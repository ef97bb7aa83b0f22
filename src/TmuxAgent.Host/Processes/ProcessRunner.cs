using System.Diagnostics;
using System.Text;

namespace TmuxAgent.Host.Processes;

/// <summary>What a finished (or killed) process left behind. Output is kept as bytes so invalid UTF-8 can be told apart.</summary>
public sealed record ProcessResult(int ExitCode, byte[] StdOut, string StdErr, bool TimedOut, TimeSpan Elapsed)
{
    /// <summary>Standard output decoded leniently.</summary>
    public string StdOutText => Encoding.UTF8.GetString(StdOut);
}

/// <summary>Runs programs with an argument list (never through a shell), optional stdin and a timeout that kills the whole process tree.</summary>
public static class ProcessRunner
{
    /// <summary>Runs <paramref name="program"/> with <paramref name="args"/>.</summary>
    /// <exception cref="System.ComponentModel.Win32Exception">The program could not be started.</exception>
    public static async Task<ProcessResult> RunAsync(string program, IEnumerable<string> args, string? stdin = null,
        TimeSpan? timeout = null, IReadOnlyDictionary<string, string>? env = null, CancellationToken ct = default)
    {
        var psi = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
            UseShellExecute = false, CreateNoWindow = true,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) psi.Environment[k] = v;

        var clock = Stopwatch.StartNew();
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {program}");
        var stdout = new MemoryStream();
        var outTask = p.StandardOutput.BaseStream.CopyToAsync(stdout, CancellationToken.None);
        var errTask = p.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            if (stdin is not null) await p.StandardInput.WriteAsync(stdin.AsMemory(), ct).ConfigureAwait(false);
            p.StandardInput.Close();
        }
        catch (IOException) { /* the program closed stdin early; its output still counts */ }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (timeout is { } t) limit.CancelAfter(t);
        var timedOut = false;
        try { await p.WaitForExitAsync(limit.Token).ConfigureAwait(false); }
        catch (OperationCanceledException)
        {
            timedOut = !ct.IsCancellationRequested;
            try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            await p.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }
        // A grandchild that inherited the pipes may keep them open: do not wait for it forever.
        await Task.WhenAny(Task.WhenAll(outTask, errTask), Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None)).ConfigureAwait(false);
        var err = errTask.IsCompletedSuccessfully ? errTask.Result : "";
        ct.ThrowIfCancellationRequested();
        return new ProcessResult(p.ExitCode, stdout.ToArray(), err, timedOut, clock.Elapsed);
    }
}
