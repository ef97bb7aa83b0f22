using TmuxAgent.Core.Agents;
using TmuxAgent.Core.Branches;

namespace TmuxAgent.Core.Serialization;

/// <summary>The registry of stored type names. Names are a storage contract: never rename one, only add.</summary>
public static class EventTypes
{
    private static readonly (Type Type, string Name)[] Registry =
    [
        (typeof(TaskPlanned), "task_planned"),
        (typeof(TaskChanged), "task_changed"),
        (typeof(DecisionRequested), "decision_requested"),
        (typeof(DecisionReceived), "decision_received"),
        (typeof(DecisionFailed), "decision_failed"),
        (typeof(CommandQueued), "command_queued"),
        (typeof(CommandDispatched), "command_dispatched"),
        (typeof(CommandDelivered), "command_delivered"),
        (typeof(CommandDeliveryFailed), "command_delivery_failed"),
        (typeof(CommandCompleted), "command_completed"),
        (typeof(CommandDropped), "command_dropped"),
        (typeof(ConfirmationRequested), "confirmation_requested"),
        (typeof(ConfirmationApproved), "confirmation_approved"),
        (typeof(ConfirmationDenied), "confirmation_denied"),
        (typeof(BranchBlocked), "branch_blocked"),
        (typeof(BranchUnblocked), "branch_unblocked"),
        (typeof(PhaseChanged), "phase_changed"),
        (typeof(StallDetected), "stall_detected"),
        (typeof(CommandNotSubmitted), "command_not_submitted"),
        (typeof(SummaryRecorded), "summary"),
        (typeof(StuckChecked), "stuck_checked"),
        (typeof(DelegateSuggested), "delegate_suggested"),
        (typeof(DecisionsRepeated), "decisions_repeated"),
    ];

    private static readonly Dictionary<Type, string> NameByType = Registry.ToDictionary(r => r.Type, r => r.Name);
    private static readonly Dictionary<string, Type> TypeByName = Registry.ToDictionary(r => r.Name, r => r.Type, StringComparer.Ordinal);

    /// <summary>Every registered stored name.</summary>
    public static IEnumerable<string> Names => Registry.Select(r => r.Name);

    /// <summary>The stored name of an event's type.</summary>
    /// <exception cref="ArgumentException">The type is not registered.</exception>
    public static string NameOf(BranchEvent e) => NameOf(e.GetType());

    /// <summary>The stored name of <paramref name="type"/>.</summary>
    public static string NameOf(Type type) =>
        NameByType.TryGetValue(type, out var n) ? n : throw new ArgumentException($"Event type {type.Name} is not registered.", nameof(type));

    /// <summary>The type stored under <paramref name="name"/>, or null for an unknown name.</summary>
    public static Type? TypeOf(string name) => TypeByName.GetValueOrDefault(name);
}
