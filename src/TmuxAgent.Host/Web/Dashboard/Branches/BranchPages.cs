using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using TmuxAgent.Core.Store;
using TmuxAgent.Core.Store.Leases;
using TmuxAgent.Host.Observers;

namespace TmuxAgent.Host.Web.Dashboard.Branches;

/// <summary>
/// The dashboard's branch pages and live updates: <c>/branches/{branch}</c> (the page), <c>GET /api/branches/{branch}/events</c>
/// (<see cref="BranchTimelineApi"/>), <c>GET /api/branches/{branch}/pane</c> (<see cref="PaneApi"/>, only with
/// <c>dashboard_show_panes</c>), <c>GET /api/stream</c> (<see cref="EventStream"/>) and the cards' activity
/// (<see cref="CommandActivity"/>). All read-only; they sit behind the same Host allow-list as the rest of the dashboard.
/// </summary>
public sealed class BranchPages
{
    private readonly BranchTimelineApi _timeline;
    private readonly PaneApi? _pane;
    private readonly EventStream _stream;

    /// <summary>The pages over <paramref name="store"/>.</summary>
    public BranchPages(IEventReader store, IBranchLeases? leases, OrchestratorStatus status, StoreTail tail, TimeProvider time, bool showPanes)
    {
        _timeline = new BranchTimelineApi(store, leases, status, time, showPanes);
        _pane = showPanes ? new PaneApi(status, time) : null;
        _stream = new EventStream(store, tail, time);
        Activity = new CommandActivity(store, time);
    }

    /// <summary>Commands per hour and last exit status per branch, for the cards.</summary>
    public CommandActivity Activity { get; }

    /// <summary>Whether the pane section is served.</summary>
    public bool ShowPanes => _pane is not null;

    /// <summary>Adds the routes.</summary>
    public void Map(WebApplication app)
    {
        app.MapGet("/branches/{**branch}", (HttpContext c, string? branch) =>
            BranchPath.Problem(branch ?? "") is { } problem ? ProblemAnswer.Result(400, problem) : StaticAssets.Serve(c, "branch.html"));
        app.MapGet("/branch.js", (HttpContext c) => StaticAssets.Serve(c, "branch.js"));
        app.MapGet("/api/branches/{**path}", async (HttpContext c, string? path) =>
        {
            if (BranchPath.Split(path) is not var (branch, resource)) return ProblemAnswer.Result(404, "expected /api/branches/{branch}/events or /api/branches/{branch}/pane");
            if (BranchPath.Problem(branch) is { } problem) return ProblemAnswer.Result(400, problem);
            if (resource == "events") return await _timeline.GetAsync(c, branch);
            return _pane is null ? ProblemAnswer.Result(404, "the pane is not shown here (dashboard_show_panes = false)") : await _pane.GetAsync(c, branch);
        });
        app.MapGet("/api/stream", (HttpContext c) => _stream.HandleAsync(c, app.Lifetime.ApplicationStopping));
    }
}
