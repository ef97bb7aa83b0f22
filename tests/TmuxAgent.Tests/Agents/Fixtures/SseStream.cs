using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace TmuxAgent.Tests.Agents.Fixtures;

/// <summary>A <c>text/event-stream</c> response: named events with a JSON payload, comment lines, flushed at once.</summary>
public sealed class SseStream(HttpResponse response)
{
    /// <summary>Sends the headers of an event stream.</summary>
    public async Task StartAsync()
    {
        response.StatusCode = 200;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        await response.Body.FlushAsync();
    }

    /// <summary><c>event: NAME</c> and <c>data: JSON</c>, the JSON's <c>type</c> set to the event name.</summary>
    public Task EventAsync(string name, JsonObject data)
    {
        data["type"] = name;
        return WriteAsync($"event: {name}\ndata: {data.ToJsonString()}\n\n");
    }

    /// <summary>An SSE comment (<c>: text</c>), which clients skip: Codex's server sends <c>: keep-alive</c>.</summary>
    public Task CommentAsync(string text) => WriteAsync($": {text}\n\n");

    private async Task WriteAsync(string text)
    {
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(text));
        await response.Body.FlushAsync();
    }
}
