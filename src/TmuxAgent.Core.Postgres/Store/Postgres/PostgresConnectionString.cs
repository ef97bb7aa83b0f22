using Npgsql;

namespace TmuxAgent.Core.Store.Postgres;

/// <summary>
/// Reads a PostgreSQL connection string in either form users paste: the URL form
/// (<c>postgres://user:pass@host:port/db?sslmode=require&amp;search_path=agents</c>, as libpq, psql and most hosting
/// providers write it) or Npgsql's key=value form (<c>Host=h;Port=5432;Username=u;Password=p;Database=db</c>).
/// </summary>
public static class PostgresConnectionString
{
    /// <summary>URL query parameters (libpq names) and the Npgsql keyword each one sets.</summary>
    private static readonly IReadOnlyDictionary<string, string> QueryKeywords = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["host"] = "Host",
        ["port"] = "Port",
        ["user"] = "Username",
        ["password"] = "Password",
        ["dbname"] = "Database",
        ["sslmode"] = "SSL Mode",
        ["sslrootcert"] = "Root Certificate",
        ["sslcert"] = "SSL Certificate",
        ["sslkey"] = "SSL Key",
        ["sslpassword"] = "SSL Password",
        ["application_name"] = "Application Name",
        ["connect_timeout"] = "Timeout",
        ["command_timeout"] = "Command Timeout",
        ["search_path"] = "Search Path",
        ["schema"] = "Search Path",
        ["options"] = "Options",
        ["target_session_attrs"] = "Target Session Attributes",
        ["keepalives_idle"] = "Keepalive",
        ["max_pool_size"] = "Maximum Pool Size",
        ["pooling"] = "Pooling",
    };

    private static readonly IReadOnlyDictionary<string, string> SslModes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["disable"] = "Disable", ["allow"] = "Allow", ["prefer"] = "Prefer", ["require"] = "Require",
        ["verify-ca"] = "VerifyCA", ["verify-full"] = "VerifyFull",
    };

    /// <summary>True for the URL form (<c>postgres://</c> or <c>postgresql://</c>).</summary>
    public static bool IsUrl(string value) =>
        value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);

    /// <summary>True for Npgsql's key=value form: it parses and names a <c>Host</c> (or <c>Server</c>).</summary>
    public static bool IsKeyValue(string value)
    {
        if (IsUrl(value) || !value.Contains('=')) return false;
        try
        {
            return !string.IsNullOrEmpty(new NpgsqlConnectionStringBuilder(value).Host);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The Npgsql connection string of <paramref name="value"/> (URL or key=value form).</summary>
    /// <exception cref="FormatException">The string is malformed; the message names the part and never contains the password.</exception>
    public static NpgsqlConnectionStringBuilder Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (IsUrl(value)) return ParseUrl(value);
        try
        {
            return new NpgsqlConnectionStringBuilder(value);
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"PostgreSQL connection string: {e.Message}", e);
        }
    }

    /// <summary>Where the string points, for messages: <c>user@host:port/database</c>, without the password.</summary>
    public static string Describe(NpgsqlConnectionStringBuilder b)
    {
        var schema = string.IsNullOrEmpty(b.SearchPath) ? "" : $" (search_path {b.SearchPath})";
        var host = b.Host ?? "";
        var hostPort = host.Contains(',') || host.StartsWith('/') ? host : host.Contains(':') ? $"[{host}]:{b.Port}" : $"{host}:{b.Port}";
        return $"postgres://{b.Username}@{hostPort}/{b.Database}{schema}";
    }

    private static NpgsqlConnectionStringBuilder ParseUrl(string url)
    {
        var b = new NpgsqlConnectionStringBuilder();
        var rest = url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..];
        var fragment = rest.IndexOf('#');
        if (fragment >= 0) rest = rest[..fragment];
        var query = "";
        var q = rest.IndexOf('?');
        if (q >= 0) (rest, query) = (rest[..q], rest[(q + 1)..]);
        var slash = rest.IndexOf('/');
        var authority = slash >= 0 ? rest[..slash] : rest;
        var database = slash >= 0 ? rest[(slash + 1)..] : "";
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            var userInfo = authority[..at];
            authority = authority[(at + 1)..];
            var colon = userInfo.IndexOf(':');
            b.Username = Decode(colon >= 0 ? userInfo[..colon] : userInfo, "user");
            if (colon >= 0) b.Password = Decode(userInfo[(colon + 1)..], "password");
        }
        if (authority.Length > 0)
        {
            var hosts = authority.Split(',').Select(HostPort).ToList();
            if (hosts is [var (host, port)])
            {
                b.Host = host;
                if (port is { } p) b.Port = p;
            }
            else b.Host = string.Join(',', hosts.Select(h => h.Port is { } p ? (h.Host.Contains(':') ? $"[{h.Host}]:{p}" : $"{h.Host}:{p}") : h.Host));
        }
        if (database.Length > 0) b.Database = Decode(database, "database");
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries)) SetQuery(b, pair);
        return b;
    }

    /// <summary>One <c>host[:port]</c> or <c>[ipv6][:port]</c> of the URL.</summary>
    private static (string Host, int? Port) HostPort(string hostPort)
    {
        string host, port = "";
        if (hostPort.StartsWith('['))
        {
            var close = hostPort.IndexOf(']');
            if (close < 0) throw new FormatException($"PostgreSQL URL: unclosed '[' in host '{hostPort}'.");
            host = hostPort[1..close];
            var after = hostPort[(close + 1)..];
            if (after.StartsWith(':')) port = after[1..];
            else if (after.Length > 0) throw new FormatException($"PostgreSQL URL: unexpected '{after}' after host '[{host}]'.");
        }
        else
        {
            var colon = hostPort.LastIndexOf(':');
            (host, port) = colon >= 0 ? (hostPort[..colon], hostPort[(colon + 1)..]) : (hostPort, "");
        }
        host = Decode(host, "host");
        if (host.Length == 0) throw new FormatException($"PostgreSQL URL: empty host in '{hostPort}'.");
        if (port.Length == 0) return (host, null);
        if (!int.TryParse(port, out var p) || p is < 1 or > 65535)
            throw new FormatException($"PostgreSQL URL: port: expected a number from 1 to 65535, got \"{port}\".");
        return (host, p);
    }

    private static void SetQuery(NpgsqlConnectionStringBuilder b, string pair)
    {
        var eq = pair.IndexOf('=');
        var key = Decode(eq >= 0 ? pair[..eq] : pair, "parameter name");
        var value = eq >= 0 ? Decode(pair[(eq + 1)..], key) : "";
        if (!QueryKeywords.TryGetValue(key, out var keyword))
            throw new FormatException($"PostgreSQL URL: unknown parameter '{key}' (known: {string.Join(", ", QueryKeywords.Keys)}).");
        if (keyword == "SSL Mode")
            value = SslModes.TryGetValue(value, out var mode) ? mode
                : throw new FormatException($"PostgreSQL URL: sslmode: expected one of {string.Join(", ", SslModes.Keys)}, got \"{value}\".");
        try
        {
            b[keyword] = value;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
        {
            throw new FormatException($"PostgreSQL URL: {key}: invalid value \"{(key.Contains("password") ? "***" : value)}\".", e);
        }
    }

    /// <summary>Percent-decodes one part of the URL (a password may hold <c>%40</c> for '@', <c>%2F</c> for '/').</summary>
    private static string Decode(string s, string part)
    {
        var decoded = Uri.UnescapeDataString(s);
        if (decoded.Contains('\0')) throw new FormatException($"PostgreSQL URL: {part}: contains a NUL character.");
        return decoded;
    }
}
