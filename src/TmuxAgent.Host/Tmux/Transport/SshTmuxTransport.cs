using System.Globalization;
using TmuxAgent.Config;
using TmuxAgent.Host.Config;
using TmuxAgent.Host.Processes;

namespace TmuxAgent.Host.Tmux.Transport;

/// <summary>
/// tmux on another machine through <c>ssh</c>, started with an argument list (no local shell):
/// <c>ssh -p PORT [-i KEY] -o BatchMode=yes -o ConnectTimeout=T -o StrictHostKeyChecking=accept-new
/// [-o UserKnownHostsFile=F] [user@]host -- 'tmux' '-u' '-L' 'sock' 'ARG'…</c>.
/// ssh joins the remote words into one line for the remote login shell, so each word is single-quoted
/// (<see cref="PosixShell"/>): text typed with <c>send-keys -l</c> arrives byte for byte.
/// </summary>
/// <param name="HostName">The <c>hosts[].name</c> (for messages).</param>
/// <param name="Ssh">The <c>hosts[].ssh</c> block.</param>
/// <param name="SshBin">The ssh program.</param>
public sealed record SshTmuxTransport(string HostName, SshConfig Ssh, string SshBin = "ssh") : ITmuxTransport
{
    /// <summary>Exit status ssh uses for its own failures (connection, authentication).</summary>
    public const int SshFailure = 255;

    /// <summary>The destination: <c>user@host</c>, or <c>host</c> without a user.</summary>
    public string Destination => Ssh.User is { Length: > 0 } u ? $"{u}@{Ssh.Host}" : Ssh.Host;

    /// <summary>The whole ssh argument list for the remote command <paramref name="argv"/>.</summary>
    public IReadOnlyList<string> Arguments(IReadOnlyList<string> argv)
    {
        if (Ssh.Host.Length == 0 || Ssh.Host.StartsWith('-') || Ssh.User?.StartsWith('-') == true)
            throw new TmuxException($"host {HostName}: ssh host '{Ssh.Host}' / user '{Ssh.User}' is not usable (empty or starting with '-')");
        var args = new List<string> { "-p", Ssh.Port.ToString(CultureInfo.InvariantCulture) };
        if (Ssh.Key is { Length: > 0 } key) args.AddRange(["-i", key, "-o", "IdentitiesOnly=yes"]);
        args.AddRange([
            "-o", "BatchMode=yes",
            "-o", $"ConnectTimeout={Ssh.Timeout.ToString(CultureInfo.InvariantCulture)}",
            "-o", "StrictHostKeyChecking=accept-new",
            "-o", "LogLevel=ERROR",
        ]);
        if (Ssh.KnownHostsFile is { Length: > 0 } kh) args.AddRange(["-o", $"UserKnownHostsFile={kh}"]);
        // -u: the ssh session usually has no UTF-8 locale, and tmux would then print tabs and non-ASCII as '_'.
        args.AddRange([Destination, "--", PosixShell.Join([argv[0], "-u", .. argv.Skip(1)])]);
        return args;
    }

    /// <inheritdoc />
    public Task<ProcessResult> RunAsync(IReadOnlyList<string> argv, CancellationToken ct = default) => RunSshAsync(argv, null, ct);

    /// <inheritdoc />
    public Task<ProcessResult> RunAsync(IReadOnlyList<string> argv, string stdin, CancellationToken ct = default) => RunSshAsync(argv, stdin, ct);

    private async Task<ProcessResult> RunSshAsync(IReadOnlyList<string> argv, string? stdin, CancellationToken ct)
    {
        var limit = TimeSpan.FromSeconds(Math.Max(1, Ssh.Timeout) + 10);
        ProcessResult r;
        try { r = await ProcessRunner.RunAsync(SshBin, Arguments(argv), stdin, timeout: limit, ct: ct).ConfigureAwait(false); }
        catch (System.ComponentModel.Win32Exception e) { throw new TmuxException($"{Describe()}: could not start {SshBin}: {e.Message}"); }
        if (r.TimedOut) throw new TmuxException($"{Describe()}: no answer within {limit.TotalSeconds:0} s (ssh timeout {Ssh.Timeout} s + 10 s)");
        if (r.ExitCode == SshFailure) throw new TmuxException($"{Describe()}: ssh failed (exit 255): {FirstLines(r.StdErr)}");
        return r;
    }

    /// <inheritdoc />
    public string Describe() => $"host {HostName} (ssh {Destination}:{Ssh.Port.ToString(CultureInfo.InvariantCulture)})";

    private static string FirstLines(string s)
    {
        var lines = s.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "no message" : string.Join(" | ", lines.Take(3));
    }
}
