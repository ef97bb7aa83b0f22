using System.Net;
using Microsoft.AspNetCore.Http;

namespace TmuxAgent.Host.Web;

/// <summary>
/// DNS rebinding protection: a listener answers only requests whose <c>Host</c> names it — a loopback name
/// (<c>localhost</c>, <c>127.0.0.1</c> and the rest of 127.0.0.0/8, <c>[::1]</c>), the address it is bound to, or one of
/// <c>public_hosts</c>. A page on <c>attacker.example</c> whose name an attacker points at 127.0.0.1 sends
/// <c>Host: attacker.example</c> and gets 421 with nothing of the orchestrator's data. The port is not compared: a
/// reverse proxy may pass the public port on.
/// </summary>
/// <param name="bound">The host the listener is bound to, as configured.</param>
/// <param name="publicHosts">Names configured for the listeners.</param>
public sealed class HostAllowList(string bound, IReadOnlyList<string> publicHosts)
{
    private readonly HashSet<string> _names = new(
        publicHosts.Append("localhost").Concat(IsWildcard(bound) ? [] : [bound.Trim('[', ']')]).Select(h => h.Trim('[', ']')),
        StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="host"/> (a <c>Host</c> header without its port) may be answered.</summary>
    public bool Accepts(string host)
    {
        var name = host.Trim('[', ']');
        if (name.Length == 0) return false;
        return _names.Contains(name) || (IPAddress.TryParse(name, out var ip) && IPAddress.IsLoopback(ip));
    }

    /// <summary>Answers 421 (and returns false) when the request's <c>Host</c> is not accepted.</summary>
    public async Task<bool> AdmitAsync(HttpContext c)
    {
        if (Accepts(c.Request.Host.Host)) return true;
        c.Response.StatusCode = StatusCodes.Status421MisdirectedRequest;
        c.Response.Headers.Connection = "close";
        await c.Response.WriteAsJsonAsync(new ProblemAnswer(
            "this host name is not served here: add it to public_hosts in orchestrator.toml if it is yours (DNS rebinding protection)"),
            WebJsonContext.Default.ProblemAnswer);
        return false;
    }

    private static bool IsWildcard(string host) => host is "" or "*" or "0.0.0.0" or "::" or "[::]";
}
