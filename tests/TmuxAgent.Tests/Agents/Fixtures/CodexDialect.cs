using System.Text.Json.Nodes;

namespace TmuxAgent.Tests.Agents.Fixtures;

/// <summary>The Responses API stream Codex CLI reads: created, in progress, keep-alive comments while "thinking", one
/// assistant message item with its text in deltas, completed with usage.</summary>
public static class CodexDialect
{
    public static async Task StreamAsync(SseStream sse, string reply, Func<Task> think, int turn)
    {
        var id = $"resp_{turn}";
        var itemId = $"msg_{turn}";
        await sse.StartAsync();
        await sse.EventAsync("response.created", new JsonObject { ["response"] = Response(id, "in_progress", []) });
        await sse.EventAsync("response.in_progress", new JsonObject { ["response"] = Response(id, "in_progress", []) });
        await think();
        await sse.EventAsync("response.output_item.added", new JsonObject
        {
            ["output_index"] = 0,
            ["item"] = new JsonObject { ["id"] = itemId, ["type"] = "message", ["role"] = "assistant", ["status"] = "in_progress", ["content"] = new JsonArray() },
        });
        await sse.EventAsync("response.content_part.added", new JsonObject
        {
            ["item_id"] = itemId, ["output_index"] = 0, ["content_index"] = 0,
            ["part"] = new JsonObject { ["type"] = "output_text", ["text"] = "", ["annotations"] = new JsonArray() },
        });
        foreach (var chunk in ModelReply.Chunks(reply))
            await sse.EventAsync("response.output_text.delta", new JsonObject { ["item_id"] = itemId, ["output_index"] = 0, ["content_index"] = 0, ["delta"] = chunk });
        await sse.EventAsync("response.output_text.done", new JsonObject { ["item_id"] = itemId, ["output_index"] = 0, ["content_index"] = 0, ["text"] = reply });
        await sse.EventAsync("response.output_item.done", new JsonObject { ["output_index"] = 0, ["item"] = Message(itemId, reply) });
        var done = Response(id, "completed", [Message(itemId, reply)]);
        done["usage"] = new JsonObject
        {
            ["input_tokens"] = 10, ["input_tokens_details"] = new JsonObject { ["cached_tokens"] = 0 },
            ["output_tokens"] = 5, ["output_tokens_details"] = new JsonObject { ["reasoning_tokens"] = 0 },
            ["total_tokens"] = 15,
        };
        await sse.EventAsync("response.completed", new JsonObject { ["response"] = done });
    }

    private static JsonObject Response(string id, string status, JsonArray output) =>
        new() { ["id"] = id, ["object"] = "response", ["status"] = status, ["model"] = "loopback-model", ["output"] = output };

    private static JsonObject Message(string itemId, string reply) => new()
    {
        ["id"] = itemId, ["type"] = "message", ["role"] = "assistant", ["status"] = "completed",
        ["content"] = new JsonArray { new JsonObject { ["type"] = "output_text", ["text"] = reply, ["annotations"] = new JsonArray() } },
    };
}
