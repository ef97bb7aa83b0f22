using System.Text.RegularExpressions;
using TmuxAgent.Host.Config;

namespace TmuxAgent.Host.Tmux;

/// <summary>Finds a task's session on the servers of agent-config <c>hosts[]</c>, honouring <c>session_filters</c>
/// (the session name must match one, when given) and <c>pane_name_patterns</c> (the first pane whose title matches;
/// else the active pane). Hosts with <c>ssh</c> are searched over ssh.</summary>
public sealed class SessionLocator(AgentConfig agent)
{
    private readonly IReadOnlyList<(HostConfig Host, TmuxClient Client)> _servers =
        agent.Hosts.Select(h => (h, TmuxClient.ForHost(h, agent.TmuxBin))).ToList();

    /// <summary>The servers searched, in <c>hosts[]</c> order.</summary>
    public IEnumerable<TmuxClient> Clients => _servers.Select(s => s.Client);

    /// <summary>The pane of <paramref name="session"/>, or null when no host has it.
    /// An unreachable host (ssh failure) does not stop the search; when no other host has the session, its
    /// <see cref="TmuxException"/> is thrown so the failure is reported rather than mistaken for a missing session.</summary>
    public async Task<PaneTarget?> FindAsync(string session, CancellationToken ct = default)
    {
        TmuxException? unreachable = null;
        foreach (var (host, client) in _servers)
        {
            if (host.Tmux.SessionFilters.Count > 0 && !host.Tmux.SessionFilters.Any(f => Regex.IsMatch(session, f))) continue;
            Processes.ProcessResult r;
            try { r = await client.RunAsync(["list-panes", "-t", TmuxClient.Exact(session), "-F", "#{pane_id}\t#{pane_active}\t#{pane_title}"], ct).ConfigureAwait(false); }
            catch (TmuxException e) { unreachable ??= e; continue; }
            if (r.ExitCode != 0) continue;
            var panes = r.StdOutText.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t', 3)).Where(p => p.Length == 3).ToList();
            if (panes.Count == 0) continue;
            var chosen = host.Tmux.PaneNamePatterns.Count == 0 ? null
                : panes.FirstOrDefault(p => host.Tmux.PaneNamePatterns.Any(pat => Regex.IsMatch(p[2], pat)));
            chosen ??= panes.FirstOrDefault(p => p[1] == "1") ?? panes[0];
            return new PaneTarget(client, session, chosen[0]);
        }
        return unreachable is null ? null : throw unreachable;
    }

    /// <summary>Capture depth configured for the host of <paramref name="target"/>.</summary>
    public int CaptureLinesFor(PaneTarget target) =>
        _servers.FirstOrDefault(s => s.Client == target.Client).Host?.Tmux.CaptureLines ?? 2000;
}
