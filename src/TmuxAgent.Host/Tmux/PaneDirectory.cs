using System.Diagnostics;

namespace TmuxAgent.Host.Tmux;

/// <summary>
/// Every session's pane from one <c>tmux list-panes -a</c> per server (one ssh call per remote host) instead of a
/// lookup and a <c>display-message</c> per branch. Same answers as <see cref="SessionLocator.FindAsync"/> (host order,
/// <c>session_filters</c>, <c>pane_name_patterns</c>, the session's current window, unreachable hosts), plus the
/// pane's foreground program. A server's listing is reused until <see cref="Refresh"/> (the loop calls it at the start
/// of each cycle), until it is older than the maximum age (so a long cycle still sees panes at most that old), or,
/// for one session, until that session was typed into (<see cref="Touched"/>). Not thread-safe: one loop uses it.
/// </summary>
public sealed class PaneDirectory(SessionLocator locator, TimeSpan? maxAge = null)
{
    /// <summary>How long a listing is reused within a cycle unless given otherwise.</summary>
    public static readonly TimeSpan DefaultMaxAge = TimeSpan.FromSeconds(1);

    private readonly TimeSpan _maxAge = maxAge ?? DefaultMaxAge;
    private readonly Dictionary<TmuxClient, Listing> _listings = [];
    private readonly HashSet<(TmuxClient, string)> _touched = [];

    /// <summary>How many <c>list-panes -a</c> calls were made (tests, diagnostics).</summary>
    public int ListingsRun { get; private set; }

    /// <summary>Forgets every listing: the next lookup asks the servers again.</summary>
    public void Refresh()
    {
        _listings.Clear();
        _touched.Clear();
    }

    /// <summary>Marks <paramref name="pane"/>'s session as changed (keys were sent): its next lookup lists its server again.</summary>
    public void Touched(PaneTarget pane) => _touched.Add((pane.Client, pane.Session));

    /// <summary>The pane of <paramref name="session"/>, or null when no host has it. An unreachable host does not
    /// stop the search; when no other host has the session, its <see cref="TmuxException"/> is thrown.</summary>
    public async Task<PaneEntry?> FindAsync(string session, CancellationToken ct = default)
    {
        TmuxException? unreachable = null;
        foreach (var (host, client) in locator.Servers)
        {
            if (!SessionLocator.Admits(host, session)) continue;
            var listing = await ListingAsync(client, session, ct).ConfigureAwait(false);
            if (listing.Failure is { } e) { unreachable ??= e; continue; }
            var window = listing.Sessions.TryGetValue(session, out var rows) ? rows : [];
            if (SessionLocator.Choose(host, window) is { } chosen)
                return new PaneEntry(new PaneTarget(client, session, chosen.PaneId), chosen.CurrentCommand);
        }
        return unreachable is null ? null : throw unreachable;
    }

    private async Task<Listing> ListingAsync(TmuxClient client, string session, CancellationToken ct)
    {
        var stale = _touched.Remove((client, session));
        if (!stale && _listings.TryGetValue(client, out var cached) && Stopwatch.GetElapsedTime(cached.Taken) < _maxAge) return cached;
        var listing = await ListAsync(client, ct).ConfigureAwait(false);
        _listings[client] = listing;
        return listing;
    }

    private async Task<Listing> ListAsync(TmuxClient client, CancellationToken ct)
    {
        ListingsRun++;
        var taken = Stopwatch.GetTimestamp();
        Processes.ProcessResult r;
        try { r = await client.RunAsync(["list-panes", "-a", "-F", PaneRow.Format], ct).ConfigureAwait(false); }
        catch (TmuxException e) { return new Listing(taken, new Dictionary<string, IReadOnlyList<PaneRow>>(), e); }
        // Non-zero: no server is running (or it refused): no sessions there, as for a per-session lookup.
        var sessions = r.ExitCode != 0 ? new Dictionary<string, IReadOnlyList<PaneRow>>()
            : PaneRow.Parse(r.StdOutText).Where(p => p.WindowActive).GroupBy(p => p.Session, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<PaneRow>)g.ToList(), StringComparer.Ordinal);
        return new Listing(taken, sessions, null);
    }

    private sealed record Listing(long Taken, IReadOnlyDictionary<string, IReadOnlyList<PaneRow>> Sessions, TmuxException? Failure);
}
