using TmuxAgent.Core.Agents;
using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Serialization;

namespace TmuxAgent.Core.Projections.Timeline;

/// <summary>An event with its global store position.</summary>
/// <param name="Position">Global position.</param>
/// <param name="Event">The event.</param>
public readonly record struct PositionedEvent(long Position, BranchEvent Event);

/// <summary>
/// A branch's story for an operator, from a page of its stream read newest first: the events of one command (queued,
/// pending, approved by whom, dispatched, delivered, exit status, stalls) become one entry, as do those of one decision
/// (requested, then received or failed); every other event is an entry of its own. Entries keep the order of their newest
/// event. Pure: the same page gives the same entries.
/// </summary>
public static class BranchTimeline
{
    /// <summary>The entries of <paramref name="newestFirst"/>, newest first. A command or decision whose events straddle two
    /// pages appears on both, each with the part it holds.</summary>
    public static IReadOnlyList<TimelineEntry> Project(IEnumerable<PositionedEvent> newestFirst)
    {
        var groups = new List<List<PositionedEvent>>();
        var byKey = new Dictionary<string, List<PositionedEvent>>(StringComparer.Ordinal);
        foreach (var e in newestFirst)
        {
            var key = KeyOf(e.Event);
            if (key is not null && byKey.TryGetValue(key, out var group)) { group.Add(e); continue; }
            group = [e];
            groups.Add(group);
            if (key is not null) byKey[key] = group;
        }
        return groups.Select(g => Entry(Enumerable.Reverse(g).ToList())).ToList();
    }

    private static string? KeyOf(BranchEvent e) => e switch
    {
        DecisionRequested d => "decision:" + d.DecisionId,
        DecisionReceived d => "decision:" + d.DecisionId,
        DecisionFailed d => "decision:" + d.DecisionId,
        _ => CommandTimeline.CommandIdOf(e) is { } id ? "command:" + id : null,
    };

    /// <summary>The entry of one group, given oldest first.</summary>
    private static TimelineEntry Entry(IReadOnlyList<PositionedEvent> oldestFirst)
    {
        var newest = oldestFirst[^1];
        var shell = new TimelineEntry
        {
            Kind = "", Position = newest.Position, At = newest.Event.At, Events = oldestFirst.Select(e => EventTypes.NameOf(e.Event)).ToList(),
        };
        if (CommandTimeline.CommandIdOf(newest.Event) is not null) return CommandTimeline.Entry(shell, oldestFirst);
        if (KeyOf(newest.Event) is not null) return DecisionEntry(shell, oldestFirst);
        return newest.Event switch
        {
            PhaseChanged p => shell with { Kind = TimelineKinds.Phase, FromPhase = p.From, Phase = p.To },
            BranchBlocked b => shell with { Kind = TimelineKinds.Blocked, Blockers = b.WaitingOn },
            BranchUnblocked u => shell with { Kind = TimelineKinds.Unblocked, Message = u.Reason },
            SummaryRecorded s => shell with { Kind = TimelineKinds.Summary, Summary = s.Summary },
            StuckChecked s => shell with
            {
                Kind = TimelineKinds.Stuck, State = s.Stuck ? "stuck" : "not_stuck", Message = s.Reason, Blockers = s.Evidence,
                Proposed = s.Suggestion is null ? [] : [s.Suggestion], Notification = s.Notify ? "the agent looks stuck" : null,
            },
            DelegateSuggested d => shell with { Kind = TimelineKinds.Delegate, DecisionId = d.DecisionId, Proposed = d.Commands.Select(c => c.Display).ToList() },
            DecisionsRepeated r => shell with
            {
                Kind = TimelineKinds.Decision, State = "repeated", DecisionId = r.LastDecisionId, Count = r.Count,
                Message = $"{r.Count} unchanged answers since {r.Since.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC",
                LatencySeconds = r.Count > 0 ? r.LatencySeconds / r.Count : null,
            },
            TaskPlanned t => shell with { Kind = TimelineKinds.Plan, Summary = t.Plan.Title, Phase = t.InitialPhase },
            TaskChanged t => shell with { Kind = TimelineKinds.Plan, Summary = t.Plan.Title },
            _ => shell with { Kind = EventTypes.NameOf(newest.Event) },
        };
    }

    private static TimelineEntry DecisionEntry(TimelineEntry shell, IReadOnlyList<PositionedEvent> oldestFirst)
    {
        var entry = shell with { Kind = TimelineKinds.Decision, State = "requested" };
        foreach (var (_, e) in oldestFirst)
        {
            entry = e switch
            {
                DecisionRequested r => entry with { DecisionId = r.DecisionId },
                DecisionReceived r => entry with
                {
                    DecisionId = r.DecisionId, State = "received", Summary = r.Summary, LatencySeconds = r.LatencySeconds,
                    Proposed = r.Commands.Select(c => c.Display).ToList(), RequiresConfirmation = r.RequiresConfirmation, Phase = r.Phase,
                    Blockers = r.Blockers, Notification = string.IsNullOrEmpty(r.Notify) ? null : r.Notify,
                },
                DecisionFailed f => entry with
                {
                    Kind = TimelineKinds.DecisionError, DecisionId = f.DecisionId, State = "failed", ErrorKind = f.Kind, Message = f.Message,
                    ConsecutiveFailures = f.ConsecutiveFailures, Notification = f.Notify ? $"{f.ConsecutiveFailures} decision errors in a row" : null,
                },
                _ => entry,
            };
        }
        return entry;
    }
}
