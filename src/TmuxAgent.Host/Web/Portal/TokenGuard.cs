using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace TmuxAgent.Host.Web.Portal;

/// <summary>
/// Checks the approval token of a request and slows down guessing, per client address: the first
/// <see cref="FreeFailures"/> wrong tokens in a row cost nothing; after that each wrong token shuts the client out for
/// 1 s, 2 s, 4 s, … up to <see cref="MaxLockout"/>, during which its requests are answered 429 without looking at the
/// token (so no guess is tested). A right token ends the series. Every wrong token is logged (client address and count,
/// never the token) and counted through <paramref name="failed"/>. A request without a token is refused, not counted.
/// Behind a reverse proxy every client has the proxy's address: a guesser then shuts out everyone, which fails closed.
/// </summary>
/// <param name="token">The token (null: none configured, everything is refused).</param>
/// <param name="time">The clock.</param>
/// <param name="log">Where failures are logged.</param>
/// <param name="failed">Called once per wrong token (the metric).</param>
public sealed class TokenGuard(ApprovalToken? token, TimeProvider time, ILogger log, Action? failed = null)
{
    /// <summary>Wrong tokens in a row a client may present before it is shut out.</summary>
    public const int FreeFailures = 5;

    /// <summary>Longest shut-out after a wrong token.</summary>
    public static readonly TimeSpan MaxLockout = TimeSpan.FromMinutes(15);

    /// <summary>Most client addresses remembered; past that, clients whose last failure is older than <see cref="MaxLockout"/> are forgotten.</summary>
    public const int MaxClients = 10_000;

    private readonly ConcurrentDictionary<string, Failures> _clients = new(StringComparer.Ordinal);

    private sealed record Failures(int Count, DateTimeOffset Last, DateTimeOffset LockedUntil);

    /// <summary>Whether the request carries the token; <paramref name="retryAfter"/> is set when the client is shut out.</summary>
    public bool Admits(HttpContext c, out TimeSpan? retryAfter) => Admits(Client(c), c.Request.Headers.Authorization.ToString(), out retryAfter);

    /// <summary><see cref="Admits(HttpContext, out TimeSpan?)"/> for a client address and an <c>Authorization</c> value.</summary>
    public bool Admits(string client, string? authorization, out TimeSpan? retryAfter) =>
        Admits(client, string.IsNullOrEmpty(authorization) ? null : t => t.Authorizes(authorization), out retryAfter);

    /// <summary>Whether <paramref name="secret"/> (a check of the presented secret against the token; null: nothing presented)
    /// holds for <paramref name="client"/>, under the same shut-out rules.</summary>
    public bool Admits(string client, Func<ApprovalToken, bool>? secret, out TimeSpan? retryAfter)
    {
        retryAfter = null;
        var now = time.GetUtcNow();
        if (_clients.TryGetValue(client, out var f) && f.LockedUntil > now)
        {
            retryAfter = f.LockedUntil - now;
            return false;
        }
        if (token is null || secret is null) return false;
        if (secret(token))
        {
            _clients.TryRemove(client, out _);
            return true;
        }
        Failed(client, now);
        return false;
    }

    private void Failed(string client, DateTimeOffset now)
    {
        if (_clients.Count >= MaxClients) Forget(now);
        var f = _clients.AddOrUpdate(client, _ => Next(0, now), (_, old) => Next(old.Count, now));
        failed?.Invoke();
        if (f.LockedUntil > now)
            log.LogWarning("portal: wrong approval token or sign-in code from {Client} ({Count} in a row); refused for {Seconds} s", client, f.Count, (f.LockedUntil - now).TotalSeconds);
        else
            log.LogWarning("portal: wrong approval token or sign-in code from {Client} ({Count} in a row)", client, f.Count);
    }

    private static Failures Next(int count, DateTimeOffset now)
    {
        var n = count + 1;
        var over = n - FreeFailures;
        var lockout = over <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Min(Math.Pow(2, over - 1), MaxLockout.TotalSeconds));
        return new Failures(n, now, now + lockout);
    }

    private void Forget(DateTimeOffset now)
    {
        foreach (var (client, f) in _clients)
            if (now - f.Last > MaxLockout) _clients.TryRemove(client, out _);
        if (_clients.Count >= MaxClients) _clients.Clear();   // a flood of addresses: start over rather than grow
    }

    /// <summary>The client's address, the key of the shut-out.</summary>
    public static string Client(HttpContext c) => c.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
