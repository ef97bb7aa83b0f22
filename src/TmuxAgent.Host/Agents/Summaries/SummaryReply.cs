using System.Text.Json;
using TmuxAgent.Core.Branches;
using TmuxAgent.Host.Decisions;

namespace TmuxAgent.Host.Agents.Summaries;

/// <summary>
/// The summary in the model's answer, as the original reads it: the <c>summary</c> string of the first JSON object, or,
/// when the answer holds no JSON object, the answer itself (a plain-text summary). An object without a non-empty
/// <c>summary</c> string is an <c>invalid_payload_type</c>.
/// </summary>
public static class SummaryReply
{
    /// <summary>The summary, or the failure kind and message.</summary>
    public static (string? Summary, string? Kind, string? Message) Read(string text)
    {
        using var obj = DecisionJson.FirstObject(text);
        if (obj is null) return (text.Trim(), null, null);
        return obj.RootElement.TryGetProperty("summary", out var s) && s.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(s.GetString())
            ? (s.GetString()!.Trim(), null, null)
            : (null, DecisionErrorKinds.InvalidPayloadType, "the summary answer has no non-empty \"summary\" string");
    }
}
