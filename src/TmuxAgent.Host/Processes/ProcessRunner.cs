using System.Diagnostics;
using System.Text;

namespace TmuxAgent.Host.Processes;

/// <summary>What a finished (or killed) process left behind. Output is kept as bytes so invalid UTF-8 can be told apart.</summary>
public sealed record ProcessResult(int ExitCode, byte[] StdOut, string StdErr, bool TimedOut, TimeSpan Elapsed)
{
    /// <summary>Standard output decoded leniently.</summary>
    public string StdOutText => Encoding.UTF8.GetString(StdOut);

    /// <summary>Whether stdout was longer than the cap asked for (<see cref="StdOut"/> then holds only its start).</summary>
    public bool StdOutOverflowed { get; init; }
}

/// <summary>Runs programs with an argument list (never through a shell), optional stdin and a timeout that kills the whole process tree.</summary>
public static class ProcessRunner
{
    /// <summary>Runs <paramref name="program"/> with <paramref name="args"/>.</summary>
    /// <exception cref="System.ComponentModel.Win32Exception">The program could not be started.</exception>
    public static async Task<ProcessResult> RunAsync(string program, IEnumerable<string> args, string? stdin = null,
        TimeSpan? timeout = null, IReadOnlyDictionary<string, string>? env = null, CancellationToken ct = default, int? maxStdOutBytes = null)
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
        var stdout = new CappedSink(maxStdOutBytes ?? int.MaxValue, keepEnd: false);
        var stderr = new CappedSink(MaxStdErrBytes, keepEnd: true);
        var outTask = stdout.FillAsync(p.StandardOutput.BaseStream);
        var errTask = stderr.FillAsync(p.StandardError.BaseStream);
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
        // What was read so far counts even if a pipe is still open.
        var err = Encoding.UTF8.GetString(stderr.Snapshot(out _));
        var output = stdout.Snapshot(out var overflowed);
        ct.ThrowIfCancellationRequested();
        return new ProcessResult(p.ExitCode, output, err, timedOut, clock.Elapsed) { StdOutOverflowed = overflowed };
    }

    /// <summary>Most stderr kept (its end: the last words of a failing program are the useful ones).</summary>
    public const int MaxStdErrBytes = 64 * 1024;

}

/// <summary>Bytes read from a pipe to its end, at most <paramref name="max"/> kept (the start, or with <paramref name="keepEnd"/>
/// the end); the rest is read and dropped, so the program never blocks on a full pipe.</summary>
internal sealed class CappedSink(int max, bool keepEnd)
{
    private readonly MemoryStream _kept = new();
    private bool _overflowed;

    /// <summary>Reads <paramref name="s"/> to its end (errors end the reading quietly: the process is gone).</summary>
    public async Task FillAsync(Stream s)
    {
        var buffer = new byte[16 * 1024];
        int n;
        try
        {
            while ((n = await s.ReadAsync(buffer, CancellationToken.None).ConfigureAwait(false)) > 0)
                lock (_kept) Keep(buffer, n);
        }
        catch (IOException) { }
        catch (ObjectDisposedException) { }
    }

    private void Keep(byte[] buffer, int n)
    {
        if (!keepEnd)
        {
            var room = (int)Math.Min(n, max - _kept.Length);
            if (room < n) _overflowed = true;
            if (room > 0) _kept.Write(buffer, 0, room);
            return;
        }
        _kept.Write(buffer, 0, n);
        if (_kept.Length <= 2L * max) return;
        _overflowed = true;
        var bytes = _kept.GetBuffer();
        Buffer.BlockCopy(bytes, (int)_kept.Length - max, bytes, 0, max); // keep the last max bytes, in place
        _kept.SetLength(max);
        _kept.Position = max;
    }

    /// <summary>The bytes kept so far.</summary>
    public byte[] Snapshot(out bool overflowed)
    {
        lock (_kept)
        {
            overflowed = _overflowed || _kept.Length > max;
            return keepEnd && _kept.Length > max ? _kept.GetBuffer().AsSpan((int)_kept.Length - max, max).ToArray() : _kept.ToArray();
        }
    }
}
