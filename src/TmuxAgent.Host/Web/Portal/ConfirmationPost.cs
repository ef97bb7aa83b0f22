using System.Text.Json;

namespace TmuxAgent.Host.Web.Portal;

/// <summary>The body of <c>POST /api/confirmations</c>: <c>{"branch", "id", "action": "approve"|"deny", "comment"?, "who"?}</c>.</summary>
/// <param name="Branch">Branch.</param>
/// <param name="Id">Pending command id.</param>
/// <param name="Approve">True for <c>approve</c>, false for <c>deny</c>.</param>
/// <param name="Comment">Optional comment.</param>
/// <param name="Who">Who decided (the name the page sends; <c>portal</c> when none).</param>
public sealed record ConfirmationPost(string Branch, string Id, bool Approve, string? Comment, string Who)
{
    /// <summary>Longest name kept for <see cref="Who"/>.</summary>
    public const int MaxWho = 64;

    /// <summary>Longest comment kept.</summary>
    public const int MaxComment = 2000;

    /// <summary>Parses <paramref name="body"/>; on failure returns null and says why in <paramref name="error"/>.</summary>
    public static ConfirmationPost? Parse(ReadOnlySpan<byte> body, out string error)
    {
        // JSON strings holding bytes that are not UTF-8 parse, but cannot be read as text: refuse the body up front.
        if (!System.Text.Unicode.Utf8.IsValid(body)) { error = "body is not valid UTF-8"; return null; }
        JsonDocument doc;
        try { doc = JsonDocument.Parse(body.ToArray()); }
        catch (JsonException e) { error = "body is not JSON: " + e.Message; return null; }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) { error = "body must be a JSON object"; return null; }
            var branch = Text(root, "branch", required: true, out error);
            var id = error.Length == 0 ? Text(root, "id", required: true, out error) : null;
            var action = error.Length == 0 ? Text(root, "action", required: true, out error) : null;
            var comment = error.Length == 0 ? Text(root, "comment", required: false, out error) : null;
            var who = error.Length == 0 ? Text(root, "who", required: false, out error) : null;
            if (error.Length > 0) return null;
            if (action is not ("approve" or "deny")) { error = $"action must be \"approve\" or \"deny\", got \"{action}\""; return null; }
            if (comment is { Length: > MaxComment }) { error = $"comment is longer than {MaxComment} characters"; return null; }
            who = string.IsNullOrWhiteSpace(who) ? "portal" : who.Trim();
            if (who.Length > MaxWho || who.Any(char.IsControl)) { error = $"who must be a name of at most {MaxWho} characters"; return null; }
            return new ConfirmationPost(branch!, id!, action == "approve", string.IsNullOrWhiteSpace(comment) ? null : comment, who);
        }
    }

    private static string? Text(JsonElement root, string name, bool required, out string error)
    {
        error = "";
        if (!root.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            if (required) error = $"\"{name}\" is missing";
            return null;
        }
        if (v.ValueKind != JsonValueKind.String) { error = $"\"{name}\" must be a string"; return null; }
        var s = v.GetString()!;
        if (required && s.Trim().Length == 0) { error = $"\"{name}\" is empty"; return null; }
        return s;
    }
}
