using TmuxAgent.Core.Store.Snapshots;

namespace TmuxAgent.Core.Store.Compaction;

/// <summary>What <see cref="StoreCompactor.PlanAsync"/> found: the cuts to apply and what they drop.</summary>
/// <param name="Before">The cutoff asked for.</param>
/// <param name="Cuts">One per branch stream that loses events, with its snapshot at the cut.</param>
/// <param name="EventsDropped">Events the cuts drop (each handed to the plan's archive callback, in global order).</param>
/// <param name="FirstDropped">Time of the earliest event dropped (null: none).</param>
/// <param name="LastDropped">Time of the latest event dropped (null: none).</param>
/// <param name="EventsKept">Events that stay (after the cutoff, of streams that are not branch streams, or the store's last).</param>
public sealed record CompactionPlan(DateTimeOffset Before, IReadOnlyList<StreamCut> Cuts, long EventsDropped,
    DateTimeOffset? FirstDropped, DateTimeOffset? LastDropped, long EventsKept);
