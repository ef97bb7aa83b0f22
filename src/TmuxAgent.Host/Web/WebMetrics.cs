using Microsoft.AspNetCore.Http;
using Prometheus;

namespace TmuxAgent.Host.Web;

/// <summary>The dashboard's and portal's own metrics (HTTP requests, portal approvals), in a registry of their own.</summary>
public sealed class WebMetrics
{
    /// <summary>The registry (exported by the dashboard's <c>/metrics</c> after every <see cref="IMetricsExport"/>).</summary>
    public CollectorRegistry Registry { get; } = Prometheus.Metrics.NewCustomRegistry();

    private readonly Counter _requests;
    private readonly Counter _approvals;

    /// <summary>Creates the collectors.</summary>
    public WebMetrics()
    {
        var f = Prometheus.Metrics.WithCustomRegistry(Registry);
        _requests = f.CreateCounter("tmuxagent_http_requests_total", "HTTP requests served by the dashboard and the approval portal.",
            new CounterConfiguration { LabelNames = ["surface", "route", "code"] });
        _approvals = f.CreateCounter("tmuxagent_portal_confirmations_total", "Approvals and denials posted to the portal, by outcome.",
            new CounterConfiguration { LabelNames = ["action", "result"] });
    }

    /// <summary>Counts one answered request (route = the matched endpoint pattern, or <c>other</c>).</summary>
    public void Request(string surface, HttpContext context)
    {
        var route = (context.GetEndpoint() as Microsoft.AspNetCore.Routing.RouteEndpoint)?.RoutePattern.RawText ?? "other";
        _requests.WithLabels(surface, route, context.Response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture)).Inc();
    }

    /// <summary>Counts one posted confirmation (result: applied, bad_request, unauthorized, unknown, not_pending).</summary>
    public void Confirmation(string action, string result) => _approvals.WithLabels(action, result).Inc();
}
