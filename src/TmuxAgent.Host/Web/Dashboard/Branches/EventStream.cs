using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using TmuxAgent.Core.Store;

namespace TmuxAgent.Host.Web.Dashboard.Branches;

/// <summary>
/// <c>GET /api/stream</c>: every event appended to the store, pushed as Server-Sent Events keyed by global position. Each
/// event is an unnamed message (<c>onmessage</c>): <c>id: &lt;position&gt;</c> and <c>data: {"position", "branch", "type", "at"}</c>.
/// It starts after <c>Last-Event-ID</c> (what a browser sends when it reconnects), else after <c>?after=</c>, else after the
/// store's last position; the first message is <c>event: ready</c> with that position as its id. So a client that
/// reconnects gets exactly the events it missed, in order. <c>?branch=</c> keeps one branch's events. Read in pages from
/// the store by the one paging loop (<see cref="EventFeed.ReadPagesAsync"/>; memory does not grow with the backlog); woken by <see cref="StoreTail"/>, else polled every
/// <see cref="Poll"/>; a comment every <see cref="KeepAlive"/> finds closed connections.
/// </summary>
public sealed class EventStream(IEventReader store, StoreTail tail, TimeProvider time)
{
    /// <summary>Wait between looks at the store when nothing woke the stream (appends by other hosts).</summary>
    public static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);

    /// <summary>Quiet time after which a comment is sent.</summary>
    public static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    private const int PageSize = 256;

    /// <summary>Streams until the client goes or <paramref name="stopping"/> (the listener stops).</summary>
    public async Task HandleAsync(HttpContext c, CancellationToken stopping)
    {
        if (!TryStart(c, out var after, out var problem))
        {
            c.Response.StatusCode = 400;
            await c.Response.WriteAsJsonAsync(new ProblemAnswer(problem), WebJsonContext.Default.ProblemAnswer);
            return;
        }
        var branch = c.Request.Query["branch"].ToString() is { Length: > 0 } b ? b : null;
        using var both = CancellationTokenSource.CreateLinkedTokenSource(c.RequestAborted, stopping);
        var ct = both.Token;
        c.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        c.Response.ContentType = "text/event-stream; charset=utf-8";
        c.Response.Headers.CacheControl = "no-store";
        c.Response.Headers["X-Accel-Buffering"] = "no";
        var checkpoint = after ?? await store.LastPositionAsync(ct);
        try
        {
            await WriteAsync(c, $"retry: 1000\nevent: ready\nid: {checkpoint}\ndata: {{\"position\":{checkpoint}}}\n\n", ct);
            var quiet = time.GetUtcNow();
            while (!ct.IsCancellationRequested)
            {
                await foreach (var page in store.ReadPagesAsync(checkpoint, PageSize, ct))
                {
                    await WriteAsync(c, Messages(page, branch), ct);
                    checkpoint = page.LastPosition;
                    quiet = time.GetUtcNow();
                }
                if (time.GetUtcNow() - quiet >= KeepAlive)
                {
                    await WriteAsync(c, ": keep-alive\n\n", ct);
                    quiet = time.GetUtcNow();
                }
                await tail.WaitAsync(Poll, time, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        catch (IOException) { }   // the client went away
    }

    private static bool TryStart(HttpContext c, out long? after, out string problem)
    {
        (after, problem) = (null, "");
        var given = c.Request.Headers["Last-Event-ID"].ToString() is { Length: > 0 } h ? (Name: "Last-Event-ID", Value: h)
            : c.Request.Query["after"].ToString() is { Length: > 0 } q ? (Name: "after", Value: q) : (Name: "", Value: "");
        if (given.Value.Length == 0) return true;
        if (!long.TryParse(given.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var position))
        {
            problem = $"\"{given.Name}\" must be a store position (a non-negative integer)";
            return false;
        }
        after = position;
        return true;
    }

    private static string Messages(EventPage page, string? branch)
    {
        var text = new StringBuilder();
        foreach (ref readonly var e in page.Events)
        {
            var of = e.Stream.Branch;
            if (branch is not null && of != branch) continue;
            var data = JsonSerializer.Serialize(new StreamEventData(e.Position, of, e.EventType, e.Created), DashboardJsonContext.Default.StreamEventData);
            text.Append("id: ").Append(e.Position).Append("\ndata: ").Append(data).Append("\n\n");
        }
        return text.ToString();
    }

    private static async Task WriteAsync(HttpContext c, string text, CancellationToken ct)
    {
        if (text.Length == 0) return;
        await c.Response.WriteAsync(text, ct);
        await c.Response.Body.FlushAsync(ct);
    }
}
