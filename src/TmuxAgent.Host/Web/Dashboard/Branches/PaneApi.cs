using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using TmuxAgent.Host.Observers;
using TmuxAgent.Host.Tmux;

namespace TmuxAgent.Host.Web.Dashboard.Branches;

/// <summary>The pane section of a branch page.</summary>
/// <param name="Branch">The branch.</param>
/// <param name="Available">Whether this host looked at the pane and could read it now.</param>
/// <param name="Reason">Why not, when not.</param>
/// <param name="Lines">The last lines of the pane, cleaned (<see cref="PaneText"/>).</param>
/// <param name="Truncated">Whether older lines or characters were left out.</param>
/// <param name="Busy">The verdict the loop acted on at its last look: busy (commands wait) or idle.</param>
/// <param name="Why">Why it judged so (<c>foreground program sleep</c>, <c>codex screen idle</c>, …).</param>
/// <param name="Agent">The agent profile whose screen was read, for an agent pane.</param>
/// <param name="SeenAt">When the loop last looked.</param>
/// <param name="CapturedAt">When the lines were captured.</param>
public sealed record PaneAnswer(string Branch, bool Available, string? Reason, IReadOnlyList<string>? Lines, bool Truncated,
    bool? Busy, string? Why, string? Agent, DateTimeOffset? SeenAt, DateTimeOffset? CapturedAt);

/// <summary>
/// <c>GET /api/branches/{branch}/pane</c> (only with <c>dashboard_show_panes</c>): the last lines of the pane the loop last
/// looked at, captured now with <c>tmux capture-pane -p</c> (read-only: nothing is ever typed from here), with the busy/idle
/// verdict the loop used and why. One capture per branch per second at most, whatever the number of viewers.
/// </summary>
public sealed class PaneApi(OrchestratorStatus status, TimeProvider time)
{
    private static readonly TimeSpan Reuse = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<string, PaneAnswer> _recent = new(StringComparer.Ordinal);

    /// <summary>Answers the request for <paramref name="branch"/>.</summary>
    public async Task<IResult> GetAsync(HttpContext c, string branch)
    {
        c.Response.Headers.CacheControl = "no-store";
        return Results.Json(await ReadAsync(branch, c.RequestAborted), DashboardJsonContext.Default.PaneAnswer);
    }

    /// <summary>The pane of <paramref name="branch"/> now (or within the last second).</summary>
    public async Task<PaneAnswer> ReadAsync(string branch, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_recent.TryGetValue(branch, out var recent) && recent.CapturedAt is { } at && now - at < Reuse) return recent;
        if (status.Current.Panes.GetValueOrDefault(branch) is not { } seen)
            return new PaneAnswer(branch, false, "this host has not looked at the pane (no session, or another host drives the branch)",
                null, false, null, null, null, null, null);
        PaneAnswer answer;
        try
        {
            var text = await PaneReader.CaptureAsync(seen.Pane, 0, ct);
            var lines = PaneText.Tail(text, out var truncated);
            answer = new PaneAnswer(branch, true, null, lines, truncated, seen.Activity.Busy, seen.Activity.Why, seen.Activity.Agent, seen.At, now);
        }
        catch (TmuxException e)
        {
            answer = new PaneAnswer(branch, false, "tmux could not capture the pane: " + e.Message, null, false,
                seen.Activity.Busy, seen.Activity.Why, seen.Activity.Agent, seen.At, now);
        }
        _recent[branch] = answer;
        return answer;
    }
}
