using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using TmuxAgent.Core.Projections.Timeline;
using TmuxAgent.Core.Serialization;
using TmuxAgent.Core.Store;
using TmuxAgent.Core.Store.Leases;
using TmuxAgent.Host.Observers;

namespace TmuxAgent.Host.Web.Dashboard.Branches;

/// <summary>
/// <c>GET /api/branches/{branch}/events?before=&amp;limit=&amp;kind=</c>: one page of a branch's timeline read from the store
/// (<see cref="IEventReader.ReadStreamBackwardAsync"/>, newest first, a LIMIT query whatever the stream's length) and
/// projected by <see cref="BranchTimeline"/>. It reads the store, not this host's state: a branch another host drives
/// (several hosts on one store) has its timeline too, with the lease holder read from the store's leases.
/// </summary>
public sealed class BranchTimelineApi(IEventReader store, IBranchLeases? leases, OrchestratorStatus status, TimeProvider time, bool showPanes)
{
    /// <summary>Events per page when <c>limit</c> is not given.</summary>
    public const int DefaultLimit = 50;

    /// <summary>Largest <c>limit</c>.</summary>
    public const int MaxLimit = 500;

    /// <summary>Answers the request for <paramref name="branch"/>.</summary>
    public async Task<IResult> GetAsync(HttpContext c, string branch)
    {
        if (!TryQuery(c.Request.Query, out var before, out var limit, out var kinds, out var types, out var problem)) return ProblemAnswer.Result(400, problem);
        var ct = c.RequestAborted;
        var last = await store.LastPositionAsync(ct);
        var stream = StreamName.ForBranch(branch);
        var page = await store.ReadStreamBackwardAsync(stream, before, limit, types?.ToList(), ct);
        var configured = status.Current.Tasks.Any(t => t.Branch == branch);
        if (page.Count == 0 && !configured && (await store.ReadStreamBackwardAsync(stream, null, 1, null, ct)).Count == 0)
            return ProblemAnswer.Result(404, "unknown branch: not a task here and no events in the store");
        var events = new List<PositionedEvent>(page.Count);
        var unreadable = 0;
        foreach (var e in page)
        {
            try { events.Add(new PositionedEvent(e.Position, EventSerializer.FromStored(e))); }
            catch (Exception x) when (x is UnknownEventTypeException or JsonException) { unreadable++; }
        }
        var lease = leases is null ? null : await leases.CurrentAsync(branch, time.GetUtcNow(), ct);
        var holder = lease?.Owner ?? status.Current.LeaseHolders.GetValueOrDefault(branch)?.Owner;
        var here = status.Current.LeaseHolders.GetValueOrDefault(branch) is { ThisHost: true } h && h.Owner == holder;
        c.Response.Headers.CacheControl = "no-store";
        return Results.Json(new BranchEventsAnswer(branch, configured, holder, here, showPanes, last, before, limit, kinds, page.Count,
            page.Count == limit ? page[^1].Position : null, BranchTimeline.Project(events), unreadable), DashboardJsonContext.Default.BranchEventsAnswer);
    }

    private static bool TryQuery(IQueryCollection q, out long? before, out int limit, out IReadOnlyList<string>? kinds,
        out IReadOnlySet<string>? types, out string problem)
    {
        (before, limit, kinds, types, problem) = (null, DefaultLimit, null, null, "");
        if (q["before"].ToString() is { Length: > 0 } b)
        {
            if (!long.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out var position) || position < 1)
                return Fail("\"before\" must be a store position (a positive integer)", out problem);
            before = position;
        }
        if (q["limit"].ToString() is { Length: > 0 } l
            && (!int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
            return Fail($"\"limit\" must be an integer from 1 to {MaxLimit}", out problem);
        var kind = q["kind"].ToString();
        try { types = TimelineKinds.EventTypesOf(kind); }
        catch (ArgumentException e) { return Fail(e.Message, out problem); }
        if (types is not null) kinds = kind.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return true;
    }

    private static bool Fail(string message, out string problem)
    {
        problem = message;
        return false;
    }
}
