namespace TmuxAgent.Core.Policy;

/// <summary>
/// Risk labels as a decision source writes them. A label is trimmed and lower-cased; the known labels are
/// <c>low</c>, <c>medium</c> and those of <see cref="OrchestratorPolicy.HighRiskLevels"/>; any other label
/// (<c>"hgh"</c>, <c>""</c>, <c>"moderate"</c>) counts as high: risk fails closed.
/// </summary>
public static class RiskLevels
{
    /// <summary>Labels that run without approval (unless the decision or the risk policy asks for it).</summary>
    public static readonly IReadOnlySet<string> Low = new HashSet<string>(StringComparer.Ordinal) { "low", "medium" };

    /// <summary>The label as compared: trimmed, lower case.</summary>
    public static string Normalise(string? label) => (label ?? "").Trim().ToLowerInvariant();

    /// <summary>Why a command with <paramref name="label"/> waits for a human (<c>risk_level=high</c>,
    /// <c>risk_level=unknown:&lt;label&gt;</c>), or null when the label lets it run.</summary>
    public static string? ApprovalReason(string? label, OrchestratorPolicy policy)
    {
        var level = Normalise(label);
        if (policy.HighRiskLevels.Contains(level)) return $"risk_level={level}";
        return Low.Contains(level) ? null : $"{UnknownPrefix}{label}";
    }

    /// <summary>The start of the reason for a label that is not known.</summary>
    public const string UnknownPrefix = "risk_level=unknown:";
}
