using TmuxAgent.Core.Projections.Timeline;

namespace TmuxAgent.Host.Web.Dashboard.Branches;

/// <summary>The answer of <c>GET /api/branches/{branch}/events</c>: one page of the branch's timeline, newest first.</summary>
/// <param name="Branch">The branch.</param>
/// <param name="Configured">Whether it is a task of this host's orchestrator.toml (else only its stream is known).</param>
/// <param name="LeaseHolder">The host holding the branch's lease in the store now; null when free.</param>
/// <param name="HeldHere">Whether that is this host.</param>
/// <param name="ShowPanes">Whether <c>/api/branches/{branch}/pane</c> is served (<c>dashboard_show_panes</c>).</param>
/// <param name="LastPosition">The store's last global position when the page was read: open <c>/api/stream?after=</c> it to
/// miss nothing that comes later.</param>
/// <param name="Before">The <c>before</c> asked for (null: from the newest).</param>
/// <param name="Limit">Events read at most.</param>
/// <param name="Kinds">The kind filter asked for, if any.</param>
/// <param name="EventsRead">Events read for this page.</param>
/// <param name="NextBefore">The <c>before</c> of the next (older) page; null when this page reached the stream's start.</param>
/// <param name="Entries">The entries.</param>
/// <param name="Unreadable">Events on the page this version cannot read (a newer type), left out.</param>
public sealed record BranchEventsAnswer(
    string Branch, bool Configured, string? LeaseHolder, bool HeldHere, bool ShowPanes, long LastPosition,
    long? Before, int Limit, IReadOnlyList<string>? Kinds, int EventsRead, long? NextBefore, IReadOnlyList<TimelineEntry> Entries, int Unreadable);

/// <summary>One store event on <c>/api/stream</c> (the <c>data:</c> line; the position is also its <c>id:</c>).</summary>
/// <param name="Position">Global store position.</param>
/// <param name="Branch">The branch, for a branch stream.</param>
/// <param name="Type">Stored type name (also the SSE <c>event:</c>).</param>
/// <param name="At">When it happened.</param>
public sealed record StreamEventData(long Position, string? Branch, string Type, DateTimeOffset At);
