using TmuxAgent.Config;
using TmuxAgent.Host.Config;
using TmuxAgent.Host.Processes;
using TmuxAgent.Host.Tmux.Transport;

namespace TmuxAgent.Host.Tmux;

/// <summary>A tmux server: <c>tmux [-L socket] …</c>, always with an argument list, run through <see cref="Transport"/>
/// (here, or over ssh for a host with <c>ssh</c>).</summary>
/// <param name="TmuxBin">The tmux program (on the machine the transport reaches).</param>
/// <param name="Socket">"default" (or empty) for the default server, else the name for <c>-L</c>.</param>
public sealed record TmuxClient(string TmuxBin = "tmux", string Socket = "default")
{
    /// <summary>The arguments before the tmux command.</summary>
    public IReadOnlyList<string> Prefix => Socket is "" or "default" ? [] : ["-L", Socket];

    /// <summary>How commands reach the server (default: this machine).</summary>
    public ITmuxTransport Transport { get; init; } = new LocalTmuxTransport();

    /// <summary>The client for an agent-config host: local tmux (<paramref name="tmuxBin"/>), or over ssh when the host has <c>ssh</c>
    /// (remote program <c>ssh.tmux_bin</c>, default <c>tmux</c>).</summary>
    public static TmuxClient ForHost(HostConfig host, string tmuxBin = "tmux") => host.Ssh is { } ssh
        ? new TmuxClient(ssh.TmuxBin, host.Tmux.Socket) { Transport = new SshTmuxTransport(host.Name, ssh) }
        : new TmuxClient(tmuxBin, host.Tmux.Socket);

    /// <summary>Runs a tmux command; returns its result (exit code non-zero when tmux failed).
    /// Throws <see cref="TmuxException"/> when the transport fails (e.g. ssh cannot connect).</summary>
    public async Task<ProcessResult> RunAsync(IEnumerable<string> args, CancellationToken ct = default)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try { return await Transport.RunAsync([TmuxBin, .. Prefix, .. args], ct).ConfigureAwait(false); }
        finally { TmuxActivity.Add(started); }
    }

    /// <summary>Runs a tmux command and returns stdout; throws <see cref="TmuxException"/> when tmux fails.</summary>
    public async Task<string> QueryAsync(IEnumerable<string> args, CancellationToken ct = default)
    {
        var list = args.ToList();
        var r = await RunAsync(list, ct).ConfigureAwait(false);
        if (r.ExitCode != 0 || r.TimedOut) throw new TmuxException($"{(Transport is LocalTmuxTransport ? "" : Transport.Describe() + ": ")}tmux {string.Join(' ', Prefix.Concat(list))}: {(r.TimedOut ? "timed out" : r.StdErr.Trim())}");
        return r.StdOutText;
    }

    /// <summary><see cref="QueryAsync"/> with <paramref name="stdin"/> as tmux's standard input (<c>load-buffer -</c>).</summary>
    public async Task<string> QueryAsync(IEnumerable<string> args, string stdin, CancellationToken ct = default)
    {
        var list = args.ToList();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        ProcessResult r;
        try { r = await Transport.RunAsync([TmuxBin, .. Prefix, .. list], stdin, ct).ConfigureAwait(false); }
        finally { TmuxActivity.Add(started); }
        if (r.ExitCode != 0 || r.TimedOut) throw new TmuxException($"tmux {string.Join(' ', Prefix.Concat(list))}: {(r.TimedOut ? "timed out" : r.StdErr.Trim())}");
        return r.StdOutText;
    }

    /// <summary>Session names on this server (empty when no server runs).</summary>
    public async Task<IReadOnlyList<string>> ListSessionsAsync(CancellationToken ct = default)
    {
        var r = await RunAsync(["list-sessions", "-F", "#{session_name}"], ct).ConfigureAwait(false);
        return r.ExitCode != 0 ? [] : r.StdOutText.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Whether <paramref name="session"/> exists.</summary>
    public async Task<bool> HasSessionAsync(string session, CancellationToken ct = default) =>
        (await RunAsync(["has-session", "-t", Exact(session)], ct).ConfigureAwait(false)).ExitCode == 0;

    /// <summary>A target naming exactly this session (no prefix matching).</summary>
    public static string Exact(string session) => "=" + session;

    /// <summary>The active pane of a session as a target.</summary>
    public static string PaneOf(string session) => Exact(session) + ":";
}

/// <summary>tmux failed.</summary>
public sealed class TmuxException(string message) : Exception(message);
