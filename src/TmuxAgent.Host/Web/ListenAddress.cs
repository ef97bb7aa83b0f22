using System.Net;

namespace TmuxAgent.Host.Web;

/// <summary>An address a listener binds to, as written in the configuration (<c>127.0.0.1</c>, <c>::1</c>, <c>localhost</c>, <c>0.0.0.0</c>, …).</summary>
/// <param name="Host">The host as configured.</param>
/// <param name="Port">The port (0: any free port, for tests).</param>
public sealed record ListenAddress(string Host, int Port)
{
    /// <summary>True for loopback-only addresses (127.0.0.0/8, ::1, <c>localhost</c>).</summary>
    public bool IsLoopback => Host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    /// <summary>The IP addresses to bind (a host name resolves to its addresses).</summary>
    public IReadOnlyList<IPAddress> Addresses()
    {
        if (Host.Equals("localhost", StringComparison.OrdinalIgnoreCase)) return [IPAddress.Loopback];
        if (Host is "" or "*") return [IPAddress.Any];
        if (IPAddress.TryParse(Host.Trim('[', ']'), out var ip)) return [ip];
        try { return Dns.GetHostAddresses(Host); }
        catch (System.Net.Sockets.SocketException e) { throw new IOException($"cannot resolve {Host}: {e.Message}", e); }
    }

    /// <inheritdoc />
    public override string ToString() => Host.Contains(':', StringComparison.Ordinal) && !Host.StartsWith('[') ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
