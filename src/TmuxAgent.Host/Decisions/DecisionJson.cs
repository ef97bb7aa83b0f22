using System.Text;
using System.Text.Json;
using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;

namespace TmuxAgent.Host.Decisions;

/// <summary>
/// Reads the decision contract from a model command's stdout: the first complete JSON object, fenced or wrapped in prose.
/// Empty output, invalid UTF-8, no parseable object, a non-object or fields of the wrong type are failures of their kind.
/// </summary>
public static class DecisionJson
{
    /// <summary>The decision in <paramref name="stdout"/> (the model's text, see <see cref="ModelOutput"/>), or the failure kind and message.</summary>
    public static (Decision? Decision, string? Kind, string? Message) Parse(byte[] stdout)
    {
        var (text, kind, message) = ModelOutput.Read(stdout);
        return text is null ? (null, kind, message) : ParseText(text);
    }

    /// <summary>The decision in the model's <paramref name="text"/>, or the failure kind and message.</summary>
    public static (Decision? Decision, string? Kind, string? Message) ParseText(string text)
    {
        if (FirstObject(text) is not { } obj)
        {
            return LooksLikeOtherJson(text)
                ? (null, DecisionErrorKinds.InvalidPayloadType, "expected a JSON object, got another JSON value")
                : (null, DecisionErrorKinds.JsonParseError, "no complete JSON object in the output: " + Shorten(text));
        }
        using (obj)
        {
            try { return (Read(obj.RootElement), null, null); }
            catch (PayloadException e) { return (null, DecisionErrorKinds.InvalidPayloadType, e.Message); }
        }
    }

    /// <summary>The first complete JSON object in <paramref name="text"/>, or null (<see cref="JsonObjectFinder"/>: linear time).</summary>
    public static JsonDocument? FirstObject(string text) => FirstObject(Encoding.UTF8.GetBytes(text));

    /// <summary>The first complete JSON object in the UTF-8 <paramref name="bytes"/>, or null.</summary>
    public static JsonDocument? FirstObject(byte[] bytes)
    {
        if (JsonObjectFinder.Find(bytes) is not var (start, length)) return null;
        return JsonDocument.Parse(bytes.AsMemory(start, length), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
    }

    private static bool LooksLikeOtherJson(string text)
    {
        try { using var d = JsonDocument.Parse(StripFence(text)); return d.RootElement.ValueKind != JsonValueKind.Object; }
        catch (JsonException) { return false; }
    }

    private static string StripFence(string text)
    {
        var t = text.Trim();
        if (!t.StartsWith("```", StringComparison.Ordinal)) return t;
        var firstNl = t.IndexOf('\n');
        var end = t.LastIndexOf("```", StringComparison.Ordinal);
        return firstNl > 0 && end > firstNl ? t[(firstNl + 1)..end] : t;
    }

    private static Decision Read(JsonElement o)
    {
        if (!o.TryGetProperty("commands", out var cmds)) throw new PayloadException("\"commands\" is missing");
        if (cmds.ValueKind != JsonValueKind.Array) throw new PayloadException($"\"commands\": expected an array, got {cmds.ValueKind}");
        return new Decision(
            OptString(o, "summary"),
            cmds.EnumerateArray().Select((c, i) => Command(c, i)).ToList(),
            OptBool(o, "requires_confirmation") ?? false,
            OptString(o, "phase"),
            StringList(o, "blockers"),
            OptString(o, "notify"));
    }

    private static CommandSpec Command(JsonElement c, int i)
    {
        if (c.ValueKind == JsonValueKind.String) return CommandSpec.Of(c.GetString()!);
        if (c.ValueKind != JsonValueKind.Object) throw new PayloadException($"commands[{i}]: expected an object, got {c.ValueKind}");
        var mode = OptString(c, "input_mode") ?? InputModes.Shell;
        if (mode is not (InputModes.Shell or InputModes.CodexDialogue))
            throw new PayloadException($"commands[{i}].input_mode: expected \"shell\" or \"codex_dialogue\", got \"{mode}\"");
        return new CommandSpec(OptString(c, "text"), StringList(c, "keys"), OptBool(c, "enter") ?? true,
            OptString(c, "risk_level") ?? "low", mode, OptString(c, "cwd"), OptString(c, "notes"));
    }

    private static string? OptString(JsonElement o, string name) =>
        !o.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null ? null
        : v.ValueKind == JsonValueKind.String ? v.GetString()
        : throw new PayloadException($"\"{name}\": expected a string, got {v.ValueKind}");

    private static bool? OptBool(JsonElement o, string name) =>
        !o.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null ? null
        : v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean()
        : throw new PayloadException($"\"{name}\": expected true or false, got {v.ValueKind}");

    private static IReadOnlyList<string> StringList(JsonElement o, string name)
    {
        if (!o.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return [];
        if (v.ValueKind == JsonValueKind.String) return [v.GetString()!];
        if (v.ValueKind != JsonValueKind.Array) throw new PayloadException($"\"{name}\": expected an array of strings, got {v.ValueKind}");
        return v.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.String ? x.GetString()!
            : throw new PayloadException($"\"{name}\": expected strings, got {x.ValueKind}")).ToList();
    }

    private static string Shorten(string s) { s = s.Trim().ReplaceLineEndings(" "); return s.Length > 120 ? s[..120] + "…" : s; }

    private sealed class PayloadException(string message) : Exception(message);
}
