using System.Text.Json.Nodes;

namespace TmuxAgent.Tests.Agents.Fixtures;

/// <summary>The Messages API stream Claude Code reads: message start, pings while "thinking", one text block in deltas,
/// message delta with <c>end_turn</c>, message stop. Also the non-streaming answer, for requests that ask for one.</summary>
public static class ClaudeDialect
{
    public static async Task StreamAsync(SseStream sse, string reply, Func<Task> think, int turn)
    {
        await sse.StartAsync();
        await sse.EventAsync("message_start", new JsonObject { ["message"] = Message(turn, new JsonArray(), null) });
        await sse.EventAsync("ping", []);
        await think();
        await sse.EventAsync("content_block_start", new JsonObject { ["index"] = 0, ["content_block"] = new JsonObject { ["type"] = "text", ["text"] = "" } });
        foreach (var chunk in ModelReply.Chunks(reply))
            await sse.EventAsync("content_block_delta", new JsonObject { ["index"] = 0, ["delta"] = new JsonObject { ["type"] = "text_delta", ["text"] = chunk } });
        await sse.EventAsync("content_block_stop", new JsonObject { ["index"] = 0 });
        await sse.EventAsync("message_delta", new JsonObject
        {
            ["delta"] = new JsonObject { ["stop_reason"] = "end_turn", ["stop_sequence"] = null },
            ["usage"] = new JsonObject { ["output_tokens"] = 5 },
        });
        await sse.EventAsync("message_stop", []);
    }

    /// <summary>The whole message as one JSON object (<c>stream: false</c>).</summary>
    public static JsonObject Whole(string reply, int turn) =>
        Message(turn, new JsonArray { new JsonObject { ["type"] = "text", ["text"] = reply } }, "end_turn");

    private static JsonObject Message(int turn, JsonArray content, string? stopReason) => new()
    {
        ["id"] = $"msg_{turn}", ["type"] = "message", ["role"] = "assistant", ["model"] = "loopback-model",
        ["content"] = content, ["stop_reason"] = stopReason, ["stop_sequence"] = null,
        ["usage"] = new JsonObject { ["input_tokens"] = 10, ["output_tokens"] = 5 },
    };
}
