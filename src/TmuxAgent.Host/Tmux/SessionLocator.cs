using System.Text.RegularExpressions;
using TmuxAgent.Host.Config;

namespace TmuxAgent.Host.Tmux;

/// <summary>Finds a task's session on the servers of agent-config <c>hosts[]</c>, honouring <c>session_filters</c>
/// (the session name must match one, when given) and <c>pane_name_patterns</c> (the first pane whose title matches;
/// else the active pane).</summary>
public sealed class SessionLocator(AgentConfig agent)
{
    private readonly IReadOnlyList<(HostConfig Host, TmuxClient Client)> _servers =
        agent.Hosts.Where(h => h.Ssh is null).Select(h => (h, new TmuxClient(agent.TmuxBin, h.Tmux.Socket))).ToList();

    /// <summary>The servers searched (hosts with <c>ssh</c> are not searched by this version).</summary>
    public IEnumerable<TmuxClient> Clients => _servers.Select(s => s.Client);

    /// <summary>The pane of <paramref name="session"/>, or null when no host has it.</summary>
    public async Task<PaneTarget?> FindAsync(string session, CancellationToken ct = default)
    {
        foreach (var (host, client) in _servers)
        {
            if (host.Tmux.SessionFilters.Count > 0 && !host.Tmux.SessionFilters.Any(f => Regex.IsMatch(session, f))) continue;
            var r = await client.RunAsync(["list-panes", "-t", TmuxClient.Exact(session), "-F", "#{pane_id}\t#{pane_active}\t#{pane_title}"], ct).ConfigureAwait(false);
            if (r.ExitCode != 0) continue;
            var panes = r.StdOutText.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t', 3)).Where(p => p.Length == 3).ToList();
            if (panes.Count == 0) continue;
            var chosen = host.Tmux.PaneNamePatterns.Count == 0 ? null
                : panes.FirstOrDefault(p => host.Tmux.PaneNamePatterns.Any(pat => Regex.IsMatch(p[2], pat)));
            chosen ??= panes.FirstOrDefault(p => p[1] == "1") ?? panes[0];
            return new PaneTarget(client, session, chosen[0]);
        }
        return null;
    }

    /// <summary>Capture depth configured for the host of <paramref name="target"/>.</summary>
    public int CaptureLinesFor(PaneTarget target) =>
        _servers.FirstOrDefault(s => s.Client == target.Client).Host?.Tmux.CaptureLines ?? 2000;
}
