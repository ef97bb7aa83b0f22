using TmuxAgent.Core.Branches;

namespace TmuxAgent.Host.Metrics;

/// <summary>Which decision error kinds count in which of the original's error counters.</summary>
public static class DecisionErrorMetrics
{
    /// <summary>
    /// Kinds counted in <see cref="MetricNames.JsonParseFailures"/> (label <c>kind</c> = the kind): the output was there
    /// but did not parse as the decision object. Timeouts and process errors are not parse failures.
    /// </summary>
    public static readonly IReadOnlySet<string> JsonParseKinds = new HashSet<string>(StringComparer.Ordinal)
    {
        DecisionErrorKinds.JsonParseError, DecisionErrorKinds.InvalidPayloadType, DecisionErrorKinds.EmptyOutput,
    };

    /// <summary>True when <paramref name="kind"/> counts as a JSON parse failure.</summary>
    public static bool IsJsonParseFailure(string kind) => JsonParseKinds.Contains(kind);

    /// <summary>True when <paramref name="kind"/> counts in <see cref="MetricNames.Utf8DecodeErrors"/>.</summary>
    public static bool IsUtf8DecodeError(string kind) => kind == DecisionErrorKinds.Utf8DecodeError;
}
