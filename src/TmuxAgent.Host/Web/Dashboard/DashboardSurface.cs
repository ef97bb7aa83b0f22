using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using TmuxAgent.Host.Observers;

namespace TmuxAgent.Host.Web.Dashboard;

/// <summary>
/// The dashboard (default 127.0.0.1:8702): <c>/</c> the Orchestrator column per branch, updated as events are appended
/// (<c>/api/stream</c>) and each linking to its branch page (<see cref="Branches.BranchPages"/>);
/// <c>GET /api/orchestrator</c> the same data as JSON; <c>/metrics</c> every <see cref="IMetricsExport"/> plus the web metrics.
/// Read-only: its Approve/Deny buttons post to the portal's API (<paramref name="portalPort"/>: where the portal listens now, null when off)
/// with the token the user entered.
/// </summary>
public sealed class DashboardSurface(ListenAddress address, bool optional, OrchestratorStatus status, string completionPhase, Func<int?> portalPort,
    IEnumerable<IMetricsExport> exports, TimeProvider time, ILoggerFactory logs, WebMetrics metrics)
    : WebSurface("dashboard", address, optional, logs, metrics)
{
    private readonly IReadOnlyList<IMetricsExport> _exports = exports.ToList();

    /// <summary>The branch pages, the event stream and the cards' activity; null: only the board (tests of the listener alone).</summary>
    public Branches.BranchPages? Pages { get; init; }

    /// <summary>The JSON of <c>/api/orchestrator</c> now (without the cards' activity).</summary>
    public OrchestratorView View() => OrchestratorView.From(status.Current, time.GetUtcNow(), portalPort(), completionPhase);

    /// <summary>The JSON of <c>/api/orchestrator</c> now, with each card's activity read from the store.</summary>
    public async Task<OrchestratorView> ViewAsync(CancellationToken ct)
    {
        var snapshot = status.Current;
        var activity = Pages is null ? null : await Pages.Activity.ForAsync(snapshot.Tasks.Select(t => t.Branch), ct);
        return OrchestratorView.From(snapshot, time.GetUtcNow(), portalPort(), completionPhase, activity);
    }

    /// <inheritdoc />
    protected override void Map(WebApplication app)
    {
        app.MapGet("/", (HttpContext c) => StaticAssets.Serve(c, "dashboard.html"));
        app.MapGet("/dashboard.js", (HttpContext c) => StaticAssets.Serve(c, "dashboard.js"));
        app.MapGet("/common.js", (HttpContext c) => StaticAssets.Serve(c, "common.js"));
        app.MapGet("/style.css", (HttpContext c) => StaticAssets.Serve(c, "style.css"));
        app.MapGet("/api/orchestrator", WriteViewAsync);
        Pages?.Map(app);
        app.MapGet("/metrics", WriteMetricsAsync);
    }

    /// <summary>A request delegate (an async lambda returning an <see cref="IResult"/> would bind as one and its result be dropped).</summary>
    private async Task WriteViewAsync(HttpContext c)
    {
        c.Response.Headers.CacheControl = "no-store";
        await Results.Json(await ViewAsync(c.RequestAborted), WebJsonContext.Default.OrchestratorView).ExecuteAsync(c);
    }

    private async Task WriteMetricsAsync(HttpContext c)
    {
        c.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
        using var buffer = new MemoryStream();
        foreach (var e in _exports) await e.WriteAsync(buffer, c.RequestAborted);
        await Metrics.Registry.CollectAndExportAsTextAsync(buffer, c.RequestAborted);
        buffer.Position = 0;
        await buffer.CopyToAsync(c.Response.Body, c.RequestAborted);
    }
}
