using System.Text.Json.Nodes;

namespace TmuxAgent.Tests.Agents.Fixtures;

/// <summary>What the model server reads from a request body: the prompt (the last user message's text) and whether it is
/// a turn at all (Codex asks for a short task title after every prompt in a request without tools: not a turn).</summary>
public sealed record ModelRequest(string Prompt, bool IsTurn, bool Stream)
{
    /// <summary>Reads a Codex <c>/v1/responses</c> body: <c>input</c> items of <c>type: message, role: user</c> with
    /// <c>input_text</c> parts.</summary>
    public static ModelRequest FromCodex(JsonNode body)
    {
        var lastUser = (body["input"] as JsonArray ?? [])
            .LastOrDefault(i => (string?)i?["role"] == "user");
        var prompt = lastUser?["content"] is JsonArray parts
            ? string.Concat(parts.Where(p => (string?)p?["type"] == "input_text").Select(p => (string?)p!["text"]))
            : (string?)lastUser?["content"] ?? "";
        var hasTools = body["tools"] is JsonArray { Count: > 0 };
        return new ModelRequest(prompt, hasTools, (bool?)body["stream"] ?? false);
    }

    /// <summary>Reads a Claude <c>/v1/messages</c> body: <c>messages</c> with a string or text blocks; the text blocks
    /// Claude Code adds itself (<c>&lt;system-reminder&gt;</c>) are not the prompt.</summary>
    public static ModelRequest FromClaude(JsonNode body)
    {
        var lastUser = (body["messages"] as JsonArray ?? [])
            .LastOrDefault(m => (string?)m?["role"] == "user");
        string prompt = lastUser?["content"] switch
        {
            JsonArray blocks => blocks
                .Where(b => (string?)b?["type"] == "text")
                .Select(b => (string?)b!["text"] ?? "")
                .LastOrDefault(t => !t.TrimStart().StartsWith("<system-reminder>", StringComparison.Ordinal)) ?? "",
            JsonValue v => (string?)v ?? "",
            _ => "",
        };
        var hasTools = body["tools"] is JsonArray { Count: > 0 };
        return new ModelRequest(prompt, hasTools, (bool?)body["stream"] ?? false);
    }
}
