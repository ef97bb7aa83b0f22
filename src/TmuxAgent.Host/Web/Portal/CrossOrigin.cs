using Microsoft.AspNetCore.Http;
using TmuxAgent.Config;
using TmuxAgent.Host.Config;

namespace TmuxAgent.Host.Web.Portal;

/// <summary>
/// Lets pages of an allowed origin call the portal's API (the dashboard's buttons: another port, so another origin). An
/// <c>Origin</c> is allowed only when its scheme, host and port equal one entry of the list exactly: the dashboard's
/// own loopback origins (while it listens on loopback) and <c>cors_origins</c>; nothing else, none by default. Credentials
/// are a Bearer header the page holds, never cookies.
/// </summary>
public static class CrossOrigin
{
    /// <summary>The origins the dashboard's page has when opened by a loopback name on <paramref name="dashboardPort"/>.</summary>
    public static IEnumerable<string> DashboardOrigins(int? dashboardPort, bool dashboardOnLoopback) =>
        dashboardPort is { } p && dashboardOnLoopback ? [$"http://127.0.0.1:{p}", $"http://localhost:{p}", $"http://[::1]:{p}"] : [];

    /// <summary>Adds the CORS headers when the request's <c>Origin</c> is in <paramref name="allowed"/> (normalised
    /// <c>scheme://host:port</c>); returns whether it did.</summary>
    public static bool Allow(HttpContext c, IReadOnlyCollection<string> allowed)
    {
        var origin = c.Request.Headers.Origin.ToString();
        if (origin.Length == 0 || WebAccessReader.NormalizeOrigin(origin) is not { } normal || !allowed.Contains(normal, StringComparer.Ordinal)) return false;
        c.Response.Headers.AccessControlAllowOrigin = origin;
        c.Response.Headers.Vary = "Origin";
        c.Response.Headers.AccessControlAllowHeaders = "Authorization, Content-Type";
        c.Response.Headers.AccessControlAllowMethods = "GET, POST";
        c.Response.Headers.AccessControlMaxAge = "600";
        return true;
    }
}
