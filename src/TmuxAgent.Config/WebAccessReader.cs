namespace TmuxAgent.Config;

/// <summary>Reads who may reach the web listeners: <c>public_hosts</c> (accepted <c>Host</c> names) and <c>cors_origins</c>
/// (pages allowed to call the portal's API), each entry checked with its position.</summary>
public static class WebAccessReader
{
    /// <summary>Host names or addresses, lower case; no scheme, port, path or wildcard.</summary>
    public static IReadOnlyList<string> PublicHosts(TomlSection s, string key)
    {
        var hosts = new List<string>();
        foreach (var entry in s.StringList(key))
        {
            var host = entry.Trim().ToLowerInvariant();
            if (Uri.CheckHostName(host.Trim('[', ']')) is UriHostNameType.Dns or UriHostNameType.IPv4 or UriHostNameType.IPv6) hosts.Add(host);
            else s.Error(key, s.LocationOf(key), $"expected host names such as \"approvals.example.org\" (no scheme, port, path or \"*\"), got \"{entry}\"");
        }
        return hosts;
    }

    /// <summary>Origins as <c>scheme://host:port</c> (see <see cref="NormalizeOrigin"/>).</summary>
    public static IReadOnlyList<string> CorsOrigins(TomlSection s, string key)
    {
        var origins = new List<string>();
        foreach (var entry in s.StringList(key))
        {
            if (NormalizeOrigin(entry) is { } origin) origins.Add(origin);
            else s.Error(key, s.LocationOf(key), $"expected origins such as \"https://dashboard.example.org\" (http or https, a host, an optional port, nothing after it), got \"{entry}\"");
        }
        return origins;
    }

    /// <summary><c>scheme://host:port</c> in lower case with the port always written, or null when
    /// <paramref name="origin"/> is not an http(s) origin (a path, query, user or fragment makes it none).</summary>
    public static string? NormalizeOrigin(string origin)
    {
        if (!Uri.TryCreate(origin.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")) return null;
        if (uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0) return null;
        if (origin.TrimEnd().EndsWith('/')) return null;
        return $"{uri.Scheme}://{uri.Host.ToLowerInvariant()}:{uri.Port}";
    }
}
