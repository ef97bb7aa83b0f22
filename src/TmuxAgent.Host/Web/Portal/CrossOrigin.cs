using Microsoft.AspNetCore.Http;

namespace TmuxAgent.Host.Web.Portal;

/// <summary>
/// Lets the dashboard's page (another port, so another origin) call the portal's API: an <c>Origin</c> on the dashboard's
/// port is echoed back with the headers the call needs. Credentials are a Bearer header the page holds, never cookies,
/// so no other page can use them.
/// </summary>
public static class CrossOrigin
{
    /// <summary>Adds the CORS headers when the request comes from the dashboard; returns whether it did.</summary>
    public static bool Allow(HttpContext c, int? dashboardPort)
    {
        var origin = c.Request.Headers.Origin.ToString();
        if (dashboardPort is null || origin.Length == 0 || !Uri.TryCreate(origin, UriKind.Absolute, out var uri)) return false;
        if (uri.Scheme is not ("http" or "https") || uri.Port != dashboardPort) return false;
        c.Response.Headers.AccessControlAllowOrigin = origin;
        c.Response.Headers.Vary = "Origin";
        c.Response.Headers.AccessControlAllowHeaders = "Authorization, Content-Type";
        c.Response.Headers.AccessControlAllowMethods = "GET, POST";
        c.Response.Headers.AccessControlMaxAge = "600";
        return true;
    }
}
