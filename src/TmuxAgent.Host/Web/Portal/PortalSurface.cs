using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using TmuxAgent.Host.Observers;

namespace TmuxAgent.Host.Web.Portal;

/// <summary>
/// The phone approval portal (default 127.0.0.1:8787): <c>/</c> a mobile-first page listing pending confirmations with
/// Approve and Deny; <c>GET /api/confirmations</c> the pending list; <c>POST /api/confirmations</c> approves or denies
/// one through the loop (<see cref="ApprovalInbox"/>). Both API calls need <c>Authorization: Bearer &lt;token&gt;</c>.
/// Answers: 200 applied (202 when the loop is busy and applies it later), 400 malformed, 401 no or wrong token,
/// 404 unknown branch or command, 409 no longer pending, 429 after too many wrong tokens (<see cref="TokenGuard"/>).
/// </summary>
public sealed class PortalSurface(ListenAddress address, bool optional, ApprovalToken? token, OrchestratorStatus status, ApprovalInbox inbox,
    Func<IReadOnlyCollection<string>> allowedOrigins, ILoggerFactory logs, WebMetrics metrics)
    : WebSurface("portal", address, optional, logs, metrics)
{
    /// <summary>How long a request waits for the loop to apply it before answering 202 (the loop may be busy with a slow
    /// decision command; a phone should not hang).</summary>
    public TimeSpan ApplyWait { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>The clock of the token guard.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Called once per wrong token (the <c>orchestrator_portal_auth_failures_total</c> metric).</summary>
    public Action? TokenRefused { get; init; }

    private TokenGuard? _guard;
    private TokenGuard Guard => _guard ??= new TokenGuard(token, Time, Log, TokenRefused);

    /// <inheritdoc />
    protected override void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/api") && CrossOrigin.Allow(context, allowedOrigins()) && HttpMethods.IsOptions(context.Request.Method))
            {
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                return;
            }
            await next(context);
        });
        app.MapGet("/", (HttpContext c) => StaticAssets.Serve(c, "portal.html"));
        app.MapGet("/portal.js", (HttpContext c) => StaticAssets.Serve(c, "portal.js"));
        app.MapGet("/common.js", (HttpContext c) => StaticAssets.Serve(c, "common.js"));
        app.MapGet("/style.css", (HttpContext c) => StaticAssets.Serve(c, "style.css"));
        app.MapGet("/api/confirmations", (HttpContext c) => Authorized(c, out var retry)
            ? Results.Json(PendingList.From(status.Current), WebJsonContext.Default.PendingList)
            : Unauthorized(c, retry));
        app.MapPost("/api/confirmations", (Delegate)PostAsync);
        app.MapPost("/api/sign-in-codes", (HttpContext c) => IssueCode(c));
        app.MapPost("/api/sign-in", (Delegate)SignInAsync);
    }

    /// <summary>How long a code from <c>POST /api/sign-in-codes</c> can be exchanged.</summary>
    public static readonly TimeSpan SignInCodeLifetime = TimeSpan.FromMinutes(10);

    /// <summary><c>POST /api/sign-in-codes</c> (token required): a one-time code for a sign-in link <c>/#code=…</c>.</summary>
    private IResult IssueCode(HttpContext c)
    {
        if (!Authorized(c, out var retry)) return Unauthorized(c, retry);
        var expires = Time.GetUtcNow() + SignInCodeLifetime;
        var code = token!.IssueSignInCode(expires);
        c.Response.Headers.CacheControl = "no-store";
        return Results.Json(new SignInCodeAnswer(code, expires.ToUnixTimeSeconds(), "#code=" + code), WebJsonContext.Default.SignInCodeAnswer);
    }

    /// <summary><c>POST /api/sign-in</c> <c>{"code": …}</c>: a device token for a valid, unused, unexpired code (401 otherwise;
    /// wrong codes count like wrong tokens).</summary>
    private async Task<IResult> SignInAsync(HttpContext c)
    {
        var (body, _) = await ReadBodyAsync(c);
        string? code = null;
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(body ?? []);
            if (doc.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object && doc.RootElement.TryGetProperty("code", out var v)
                && v.ValueKind == System.Text.Json.JsonValueKind.String) code = v.GetString();
        }
        catch (System.Text.Json.JsonException) { }
        if (code is null) return Problem(StatusCodes.Status400BadRequest, "body must be {\"code\": \"…\"}");
        var device = "";
        c.Response.Headers.CacheControl = "no-store";
        if (Guard.Admits(TokenGuard.Client(c), t => t.TryRedeem(code, Time.GetUtcNow(), out device), out var retry))
        {
            Log.LogInformation("portal: a device signed in with a one-time code from {Client}", TokenGuard.Client(c));
            return Results.Json(new SignInAnswer(device), WebJsonContext.Default.SignInAnswer);
        }
        return retry is null ? Problem(StatusCodes.Status401Unauthorized, "this sign-in code is wrong, expired or already used; ask for a new link") : Unauthorized(c, retry);
    }

    private async Task<IResult> PostAsync(HttpContext c)
    {
        if (!Authorized(c, out var retry))
        {
            // The body is not read: after the answer Kestrel would have to drain it (and drops the connection when it is over
            // the size limit), so the client is told to close this connection rather than reuse it.
            c.Response.Headers.Connection = "close";
            Metrics.Confirmation("unknown", retry is null ? "unauthorized" : "throttled");
            return Unauthorized(c, retry);
        }
        var (body, unreadable) = await ReadBodyAsync(c);
        if (body is null)
        {
            // The rest of the body is not read: the connection cannot carry another request, so the client is told to close it.
            c.Response.Headers.Connection = "close";
            Metrics.Confirmation("unknown", "bad_request");
            return unreadable!.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? Problem(StatusCodes.Status413PayloadTooLarge, $"body is larger than {MaxRequestBodyBytes} bytes; nothing done")
                : Problem(unreadable.StatusCode, $"body cannot be read: {unreadable.Message}; nothing done");
        }
        if (ConfirmationPost.Parse(body, out var error) is not { } post)
        {
            Metrics.Confirmation("unknown", "bad_request");
            return Problem(StatusCodes.Status400BadRequest, error + "; nothing done");
        }
        var action = post.Approve ? "approve" : "deny";
        var done = inbox.SubmitAsync(new ApprovalRequest(post.Branch, post.Id, null, post.Approve, post.Who, "portal", post.Comment));
        if (await Task.WhenAny(done, Task.Delay(ApplyWait, c.RequestAborted)) != done)
        {
            Log.LogInformation("portal: {Who} asked to {Action} {Branch} {Id}; the loop is busy, applied later", post.Who, action, post.Branch, post.Id);
            Metrics.Confirmation(action, "accepted");
            return Results.Json(new ApprovalAnswer("accepted", post.Branch, post.Id), WebJsonContext.Default.ApprovalAnswer, statusCode: StatusCodes.Status202Accepted);
        }
        var result = await done;
        Log.LogInformation("portal: {Who} {Action} {Branch} {Id}: {Result}", post.Who, action, post.Branch, post.Id, result);
        Metrics.Confirmation(action, result.ToString().ToLowerInvariant());
        return result switch
        {
            ApprovalResult.Applied => Results.Json(new ApprovalAnswer(post.Approve ? "approved" : "denied", post.Branch, post.Id), WebJsonContext.Default.ApprovalAnswer),
            ApprovalResult.UnknownBranch => Problem(StatusCodes.Status404NotFound, $"unknown branch {post.Branch}"),
            ApprovalResult.UnknownCommand => Problem(StatusCodes.Status404NotFound, $"{post.Branch} has no command {post.Id}"),
            ApprovalResult.Conflict => Problem(StatusCodes.Status409Conflict, $"{post.Branch} kept changing while this was recorded; nothing done, send it again"),
            _ => Problem(StatusCodes.Status409Conflict, $"{post.Id} is no longer pending; nothing done"),
        };
    }

    private bool Authorized(HttpContext c, out TimeSpan? retryAfter) => Guard.Admits(c, out retryAfter);

    private IResult Unauthorized(HttpContext c, TimeSpan? retryAfter)
    {
        if (retryAfter is { } wait)
        {
            var seconds = (int)Math.Ceiling(wait.TotalSeconds);
            c.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Problem(StatusCodes.Status429TooManyRequests, $"too many wrong approval tokens from this address; try again in {seconds} s");
        }
        c.Response.Headers.WWWAuthenticate = "Bearer";
        return Problem(StatusCodes.Status401Unauthorized, token is null
            ? $"no approval token is configured on the host ({ApprovalToken.EnvironmentVariable} or approval_token_file)"
            : "missing or wrong approval token");
    }

    /// <summary>The body, or why it cannot be read: longer than <see cref="WebSurface.MaxRequestBodyBytes"/> (Kestrel stops
    /// reading there: 413) or a malformed framing (400).</summary>
    private static async Task<(byte[]? Body, BadHttpRequestException? Error)> ReadBodyAsync(HttpContext c)
    {
        using var buffer = new MemoryStream();
        try { await c.Request.Body.CopyToAsync(buffer, c.RequestAborted); }
        catch (BadHttpRequestException e) { return (null, e); }
        return (buffer.ToArray(), null);
    }
}
