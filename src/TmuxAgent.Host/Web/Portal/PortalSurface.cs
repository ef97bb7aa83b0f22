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
/// 404 unknown branch or command, 409 no longer pending.
/// </summary>
public sealed class PortalSurface(ListenAddress address, bool optional, ApprovalToken? token, OrchestratorStatus status, ApprovalInbox inbox,
    Func<int?> dashboardPort, ILoggerFactory logs, WebMetrics metrics)
    : WebSurface("portal", address, optional, logs, metrics)
{
    /// <summary>How long a request waits for the loop to apply it before answering 202 (the loop may be busy with a slow
    /// decision command; a phone should not hang).</summary>
    public TimeSpan ApplyWait { get; set; } = TimeSpan.FromSeconds(4);

    /// <inheritdoc />
    protected override void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/api") && CrossOrigin.Allow(context, dashboardPort()) && HttpMethods.IsOptions(context.Request.Method))
            {
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                return;
            }
            await next(context);
        });
        app.MapGet("/", (HttpContext c) => StaticAssets.Serve(c, "portal.html"));
        app.MapGet("/portal.js", (HttpContext c) => StaticAssets.Serve(c, "portal.js"));
        app.MapGet("/style.css", (HttpContext c) => StaticAssets.Serve(c, "style.css"));
        app.MapGet("/api/confirmations", (HttpContext c) => Authorized(c)
            ? Results.Json(PendingList.From(status.Current), WebJsonContext.Default.PendingList)
            : Unauthorized(c));
        app.MapPost("/api/confirmations", (Delegate)PostAsync);
    }

    private async Task<IResult> PostAsync(HttpContext c)
    {
        if (!Authorized(c))
        {
            // The body is not read: after the answer Kestrel would have to drain it (and drops the connection when it is over
            // the size limit), so the client is told to close this connection rather than reuse it.
            c.Response.Headers.Connection = "close";
            Metrics.Confirmation("unknown", "unauthorized");
            return Unauthorized(c);
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

    private bool Authorized(HttpContext c) => token is not null && token.Authorizes(c.Request.Headers.Authorization.ToString());

    private IResult Unauthorized(HttpContext c)
    {
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
