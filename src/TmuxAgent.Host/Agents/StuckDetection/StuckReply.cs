using System.Text.Json;
using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;
using TmuxAgent.Host.Decisions;

namespace TmuxAgent.Host.Agents.StuckDetection;

/// <summary>A validated stuck verdict: <c>{"stuck": bool, "reason": "…", "suggestion": "…"}</c>, with an optional
/// <c>risk_level</c> for the suggestion (default <c>low</c>; the usual approval rules apply to it).</summary>
public sealed record StuckVerdict(bool Stuck, string Reason, CommandSpec? Suggestion);

/// <summary>Reads and validates the stuck check's answer: the first JSON object of the model's text; <c>stuck</c> must be
/// true or false, <c>reason</c>, <c>suggestion</c> and <c>risk_level</c> strings (or absent/null). Anything else is a
/// failure of its <see cref="DecisionErrorKinds"/>.</summary>
public static class StuckReply
{
    /// <summary>The verdict, or the failure kind and message.</summary>
    public static (StuckVerdict? Verdict, string? Kind, string? Message) Read(string text)
    {
        using var obj = DecisionJson.FirstObject(text);
        if (obj is null) return (null, DecisionErrorKinds.JsonParseError, "no complete JSON object in the stuck check's answer");
        var o = obj.RootElement;
        if (!o.TryGetProperty("stuck", out var stuck) || stuck.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            return (null, DecisionErrorKinds.InvalidPayloadType, "\"stuck\": expected true or false");
        if (!OptString(o, "reason", out var reason) || !OptString(o, "suggestion", out var suggestion) || !OptString(o, "risk_level", out var risk))
            return (null, DecisionErrorKinds.InvalidPayloadType, "\"reason\", \"suggestion\" and \"risk_level\" must be strings");
        var spec = string.IsNullOrWhiteSpace(suggestion) ? null
            : new CommandSpec(suggestion.Trim(), [], true, string.IsNullOrWhiteSpace(risk) ? "low" : risk.Trim(), InputModes.CodexDialogue);
        return (new StuckVerdict(stuck.GetBoolean(), reason?.Trim() ?? "", spec), null, null);
    }

    private static bool OptString(JsonElement o, string name, out string? value)
    {
        value = null;
        if (!o.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return true;
        if (v.ValueKind != JsonValueKind.String) return false;
        value = v.GetString();
        return true;
    }
}
