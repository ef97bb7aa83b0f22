using System.Text.RegularExpressions;
using TmuxAgent.Host.Config;

namespace TmuxAgent.Host.Tmux;

/// <summary>Finds a task's session on the servers of agent-config <c>hosts[]</c>, honouring <c>session_filters</c>
/// (the session name must match one, when given) and <c>pane_name_patterns</c> (the first pane of the session's current
/// window whose title matches; else that window's active pane). Hosts with <c>ssh</c> are searched over ssh.
/// <see cref="FindAsync"/> asks the servers now; <see cref="PaneDirectory"/> answers the same question from one listing per server.</summary>
public sealed class SessionLocator
{
    private readonly IReadOnlyList<(HostConfig Host, TmuxClient Client)> _servers;

    /// <summary>A locator over <paramref name="agent"/>'s hosts; <paramref name="clientFor"/> replaces
    /// <see cref="TmuxClient.ForHost"/> (benchmarks use an in-memory tmux).</summary>
    public SessionLocator(AgentConfig agent, Func<HostConfig, TmuxClient>? clientFor = null) =>
        _servers = agent.Hosts.Select(h => (h, clientFor?.Invoke(h) ?? TmuxClient.ForHost(h, agent.TmuxBin))).ToList();

    /// <summary>The servers searched, in <c>hosts[]</c> order.</summary>
    public IEnumerable<TmuxClient> Clients => _servers.Select(s => s.Client);

    /// <summary>The hosts and their servers, in <c>hosts[]</c> order.</summary>
    public IReadOnlyList<(HostConfig Host, TmuxClient Client)> Servers => _servers;

    /// <summary>The pane of <paramref name="session"/>, or null when no host has it.
    /// An unreachable host (ssh failure) does not stop the search; when no other host has the session, its
    /// <see cref="TmuxException"/> is thrown so the failure is reported rather than mistaken for a missing session.</summary>
    public async Task<PaneTarget?> FindAsync(string session, CancellationToken ct = default)
    {
        TmuxException? unreachable = null;
        foreach (var (host, client) in _servers)
        {
            if (!Admits(host, session)) continue;
            Processes.ProcessResult r;
            try { r = await client.RunAsync(["list-panes", "-t", TmuxClient.Exact(session), "-F", PaneRow.Format], ct).ConfigureAwait(false); }
            catch (TmuxException e) { unreachable ??= e; continue; }
            if (r.ExitCode != 0) continue;
            if (Choose(host, PaneRow.Parse(r.StdOutText).ToList()) is { } chosen) return new PaneTarget(client, session, chosen.PaneId);
        }
        return unreachable is null ? null : throw unreachable;
    }

    /// <summary>Capture depth configured for the host of <paramref name="target"/>.</summary>
    public int CaptureLinesFor(PaneTarget target) =>
        _servers.FirstOrDefault(s => s.Client == target.Client).Host?.Tmux.CaptureLines ?? 2000;

    /// <summary>Whether <paramref name="host"/>'s <c>session_filters</c> let <paramref name="session"/> through.</summary>
    public static bool Admits(HostConfig host, string session) =>
        host.Tmux.SessionFilters.Count == 0 || host.Tmux.SessionFilters.Any(f => Regex.IsMatch(session, f));

    /// <summary>The branch's pane among <paramref name="window"/> (the panes of a session's current window, in order):
    /// the first whose title matches a <c>pane_name_pattern</c>, else the active one, else the first; null when empty.</summary>
    public static PaneRow? Choose(HostConfig host, IReadOnlyList<PaneRow> window)
    {
        if (window.Count == 0) return null;
        var chosen = host.Tmux.PaneNamePatterns.Count == 0 ? null
            : window.FirstOrDefault(p => host.Tmux.PaneNamePatterns.Any(pat => Regex.IsMatch(p.Title, pat)));
        return chosen ?? window.FirstOrDefault(p => p.PaneActive) ?? window[0];
    }
}
