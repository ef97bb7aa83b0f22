using TmuxAgent.Core.Serialization;

namespace TmuxAgent.Core.Projections.Timeline;

/// <summary>The kinds of <see cref="TimelineEntry"/>, and which stored event types a filter by kind reads.</summary>
public static class TimelineKinds
{
    /// <summary>A decision requested, received (summary, latency, proposed commands), unchanged answers counted
    /// (<c>decisions_repeated</c>) — or, as <see cref="DecisionError"/>, failed.</summary>
    public const string Decision = "decision";
    /// <summary>The decision source failed (by kind).</summary>
    public const string DecisionError = "decision_error";
    /// <summary>A command and its states.</summary>
    public const string Command = "command";
    /// <summary>A phase change.</summary>
    public const string Phase = "phase";
    /// <summary>Blocked by dependencies.</summary>
    public const string Blocked = "blocked";
    /// <summary>Unblocked.</summary>
    public const string Unblocked = "unblocked";
    /// <summary>An agent summary.</summary>
    public const string Summary = "summary";
    /// <summary>A stuck check.</summary>
    public const string Stuck = "stuck";
    /// <summary>Delegate suggestions (never typed).</summary>
    public const string Delegate = "delegate";
    /// <summary>The task was planned or its plan changed.</summary>
    public const string Plan = "plan";

    private static readonly string[] CommandEvents =
    [
        "command_queued", "command_dispatched", "command_delivered", "command_delivery_failed", "command_completed", "command_dropped",
        "command_not_submitted", "confirmation_requested", "confirmation_approved", "confirmation_denied", "stall_detected",
    ];

    /// <summary>Filter names (<c>?kind=</c>) and the stored event types each reads.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Filters = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        [Decision] = ["decision_requested", "decision_received", "decision_failed", "decisions_repeated"],
        [DecisionError] = ["decision_failed"],
        [Command] = CommandEvents,
        ["approval"] = ["confirmation_requested", "confirmation_approved", "confirmation_denied"],
        ["stall"] = ["stall_detected"],
        [Phase] = ["phase_changed"],
        ["blocker"] = ["branch_blocked", "branch_unblocked"],
        ["agent"] = ["summary", "stuck_checked", "delegate_suggested"],
        [Plan] = ["task_planned", "task_changed"],
    };

    /// <summary>The stored event types of a comma-separated list of filter names or stored type names; null for none given.</summary>
    /// <exception cref="ArgumentException">A name that is neither (the message lists the filter names).</exception>
    public static IReadOnlySet<string>? EventTypesOf(string? kinds)
    {
        if (string.IsNullOrWhiteSpace(kinds)) return null;
        var types = new HashSet<string>(StringComparer.Ordinal);
        foreach (var kind in kinds.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Filters.TryGetValue(kind, out var some)) types.UnionWith(some);
            else if (EventTypes.TypeOf(kind) is not null) types.Add(kind);
            else throw new ArgumentException($"unknown kind \"{kind}\"; expected one of {string.Join(", ", Filters.Keys)} or a stored event type");
        }
        return types;
    }
}
