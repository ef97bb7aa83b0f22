namespace TmuxAgent.Core.Projections.Replay;

/// <summary>Which events a replay looks at. <c>--limit</c> is applied first (by the source), then these.</summary>
/// <param name="Branch">Only this branch (exact match).</param>
/// <param name="Since">Only events at or after this Unix time (events without a time are left out).</param>
/// <param name="Until">Only events before this Unix time (events without a time are left out).</param>
public sealed record ReplayFilter(string? Branch = null, double? Since = null, double? Until = null)
{
    /// <summary>True when a time window is set.</summary>
    public bool HasWindow => Since is not null || Until is not null;

    /// <summary>True when <paramref name="ts"/> lies in the window.</summary>
    public bool InWindow(double ts) =>
        !double.IsNaN(ts) && (Since is not { } s || ts >= s) && (Until is not { } u || ts < u);
}
