using System.Text;
using System.Text.Json;
using TmuxAgent.Core.Branches;

namespace TmuxAgent.Host.Decisions;

/// <summary>
/// The model's text in a model command's stdout: the output itself (as <c>codex exec</c> prints its last message), or
/// the <c>result</c> of the JSON envelope <c>claude -p --output-format json</c> prints (an envelope with
/// <c>"is_error": true</c> is a <c>process_error</c>). Invalid UTF-8 and empty output are failures of their kind.
/// </summary>
public static class ModelOutput
{
    /// <summary>The text, or the failure kind and message.</summary>
    public static (string? Text, string? Kind, string? Message) Read(byte[] stdout)
    {
        string text;
        try { text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(stdout); }
        catch (DecoderFallbackException e) { return (null, DecisionErrorKinds.Utf8DecodeError, $"output is not valid UTF-8 at byte {e.Index}"); }
        if (string.IsNullOrWhiteSpace(text)) return (null, DecisionErrorKinds.EmptyOutput, "the decision command printed nothing");
        if (Envelope(text) is not { } envelope) return (text, null, null);
        if (envelope.IsError) return (null, DecisionErrorKinds.ProcessError, "the model answered with an error: " + envelope.Result);
        return string.IsNullOrWhiteSpace(envelope.Result)
            ? (null, DecisionErrorKinds.EmptyOutput, "the model's result is empty")
            : (envelope.Result, null, null);
    }

    /// <summary>A <c>claude -p --output-format json</c> envelope: <c>{"type": "result", "result": "…", "is_error": …}</c>.</summary>
    private static (string Result, bool IsError)? Envelope(string text)
    {
        if (!text.TrimStart().StartsWith('{')) return null;
        try
        {
            using var d = JsonDocument.Parse(text);
            var o = d.RootElement;
            if (o.ValueKind != JsonValueKind.Object || !o.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String
                || type.GetString() != "result" || !o.TryGetProperty("result", out var result) || result.ValueKind != JsonValueKind.String)
                return null;
            var isError = o.TryGetProperty("is_error", out var e) && e.ValueKind == JsonValueKind.True;
            return (result.GetString()!, isError);
        }
        catch (JsonException) { return null; }
    }
}
