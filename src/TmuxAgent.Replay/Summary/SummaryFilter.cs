namespace TmuxAgent.Replay.Summary;

/// <summary>Which events a replay looks at. <c>--limit</c> is applied first (by the source), then these.</summary>
/// <param name="Branch">Only this branch (exact match).</param>
/// <param name="Since">Only events at or after this Unix time (events without a time are left out).</param>
/// <param name="Until">Only events before this Unix time (events without a time are left out).</param>
internal sealed record SummaryFilter(string? Branch = null, double? Since = null, double? Until = null)
{
    public bool HasWindow => Since is not null || Until is not null;

    public bool InWindow(double ts) =>
        !double.IsNaN(ts) && (Since is not { } s || ts >= s) && (Until is not { } u || ts < u);
}
