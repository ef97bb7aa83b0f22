using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TmuxAgent.Tests.Agents.Fixtures;

/// <summary>
/// A loopback model server for real Codex CLI and Claude Code processes (../shared/AGENTS.md, "What the model server
/// must answer"): <c>POST /v1/responses</c> (Codex) and <c>POST /v1/messages</c> (Claude) answer in each one's SSE
/// dialect. Each turn's prompt and time window is recorded; a per-prompt delay (with keep-alives or pings) makes the
/// agent look busy, and chosen prompts get a 500. Any other path is recorded and answered 404.
/// </summary>
public sealed class ModelServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly object _gate = new();
    private readonly List<ModelTurn> _turns = [];
    private readonly List<string> _requests = [];
    private int _count;

    private ModelServer(WebApplication app) => _app = app;

    /// <summary>How long the model "thinks" before it answers a prompt (default: not at all).</summary>
    public Func<string, TimeSpan> Delay { get; set; } = _ => TimeSpan.Zero;

    /// <summary>Prompts answered with HTTP 500 (default: none).</summary>
    public Func<string, bool> FailWhen { get; set; } = _ => false;

    /// <summary>The answer to a prompt, given the turn number (default: <see cref="ModelReply.For"/>).</summary>
    public Func<string, int, string> Reply { get; set; } = (_, turn) => ModelReply.For(turn);

    /// <summary>Whether a request without tools is a turn too (as from <c>claude -p --tools ""</c> as a decision command);
    /// default: no, it is Codex's title request.</summary>
    public bool ToollessRequestsAreTurns { get; set; }

    /// <summary>The keep-alive (Codex) or ping (Claude) period while thinking.</summary>
    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The server's base address, e.g. <c>http://127.0.0.1:41234</c> (Codex wants <c>/v1</c> appended).</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>Every turn so far, in arrival order (title requests without tools are not turns).</summary>
    public IReadOnlyList<ModelTurn> Turns { get { lock (_gate) return [.. _turns]; } }

    /// <summary>Every request as <c>METHOD path</c> (with its query), turns and others.</summary>
    public IReadOnlyList<string> Requests { get { lock (_gate) return [.. _requests]; } }

    /// <summary>The prompts of the turns so far.</summary>
    public IReadOnlyList<string> Prompts => Turns.Select(t => t.Prompt).ToList();

    /// <summary>Starts a server on a port of 127.0.0.1 the OS picks.</summary>
    public static async Task<ModelServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new ModelServer(app);
        app.MapPost("/v1/responses", ctx => server.AnswerAsync(ctx, ModelDialect.Codex));
        app.MapPost("/v1/messages", ctx => server.AnswerAsync(ctx, ModelDialect.Claude));
        app.MapFallback(ctx =>
        {
            server.Record(ctx);
            ctx.Response.StatusCode = 404;
            return Task.CompletedTask;
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Url = new Uri(address.Replace("[::]", "127.0.0.1"));
        return server;
    }

    /// <summary>Waits until <paramref name="count"/> turns have ended (answered, failed or aborted).</summary>
    public async Task<bool> WaitForTurnsAsync(int count, double seconds = 60)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < until)
        {
            var turns = Turns;
            if (turns.Count >= count && turns.All(t => t.Finished is not null)) return true;
            await Task.Delay(100);
        }
        return false;
    }

    private void Record(HttpContext ctx)
    {
        lock (_gate) _requests.Add($"{ctx.Request.Method} {ctx.Request.Path}{ctx.Request.QueryString}");
    }

    private async Task AnswerAsync(HttpContext ctx, ModelDialect dialect)
    {
        Record(ctx);
        var body = await JsonNode.ParseAsync(ctx.Request.Body) ?? new JsonObject();
        var request = dialect == ModelDialect.Codex ? ModelRequest.FromCodex(body) : ModelRequest.FromClaude(body);
        if (ToollessRequestsAreTurns) request = request with { IsTurn = true };
        if (!request.IsTurn)
        {
            await AnswerAsync(ctx, dialect, request, Interlocked.Increment(ref _count), think: false);
            return;
        }
        var index = Begin(new ModelTurn(dialect, request.Prompt, DateTimeOffset.UtcNow, null, false, false));
        var turn = Interlocked.Increment(ref _count);
        var failed = FailWhen(request.Prompt);
        var aborted = false;
        try
        {
            if (failed) await FailAsync(ctx, dialect);
            else await AnswerAsync(ctx, dialect, request, turn, think: true);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException || ctx.RequestAborted.IsCancellationRequested)
        {
            aborted = true;
        }
        aborted |= ctx.RequestAborted.IsCancellationRequested;
        lock (_gate) _turns[index] = _turns[index] with { Finished = DateTimeOffset.UtcNow, Aborted = aborted, Failed = failed };
    }

    private int Begin(ModelTurn turn)
    {
        lock (_gate)
        {
            _turns.Add(turn);
            return _turns.Count - 1;
        }
    }

    private Task AnswerAsync(HttpContext ctx, ModelDialect dialect, ModelRequest request, int turn, bool think)
    {
        var reply = request.IsTurn ? Reply(request.Prompt, turn) : "Loopback task";
        var sse = new SseStream(ctx.Response);
        Func<Task> thinking = think ? () => ThinkAsync(sse, dialect, Delay(request.Prompt), ctx.RequestAborted) : () => Task.CompletedTask;
        if (dialect == ModelDialect.Claude && !request.Stream)
            return ctx.Response.WriteAsync(ClaudeDialect.Whole(reply, turn).ToJsonString(), ctx.RequestAborted);
        return dialect == ModelDialect.Codex
            ? CodexDialect.StreamAsync(sse, reply, thinking, turn)
            : ClaudeDialect.StreamAsync(sse, reply, thinking, turn);
    }

    private async Task ThinkAsync(SseStream sse, ModelDialect dialect, TimeSpan delay, CancellationToken aborted)
    {
        var until = DateTime.UtcNow + delay;
        while (DateTime.UtcNow < until)
        {
            var left = until - DateTime.UtcNow;
            await Task.Delay(left < KeepAlive ? left : KeepAlive, aborted);
            if (dialect == ModelDialect.Codex) await sse.CommentAsync("keep-alive");
            else await sse.EventAsync("ping", []);
        }
    }

    private static Task FailAsync(HttpContext ctx, ModelDialect dialect)
    {
        ctx.Response.StatusCode = 500;
        ctx.Response.ContentType = "application/json";
        var body = dialect == ModelDialect.Codex
            ? new JsonObject { ["error"] = new JsonObject { ["message"] = "loopback model failure", ["type"] = "server_error" } }
            : new JsonObject { ["type"] = "error", ["error"] = new JsonObject { ["type"] = "api_error", ["message"] = "loopback model failure" } };
        return ctx.Response.WriteAsync(body.ToJsonString());
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }
}
