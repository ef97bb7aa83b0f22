using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;

namespace TmuxAgent.Core.Projections.Timeline;

/// <summary>One command's entry on the timeline: its text, its states with who and why, exit status and duration.</summary>
internal static class CommandTimeline
{
    /// <summary>The command an event is about, or null.</summary>
    internal static string? CommandIdOf(BranchEvent e) => e switch
    {
        CommandQueued c => c.CommandId,
        CommandDispatched c => c.CommandId,
        CommandDelivered c => c.CommandId,
        CommandNotSubmitted c => c.CommandId,
        CommandDeliveryFailed c => c.CommandId,
        CommandCompleted c => c.CommandId,
        CommandDropped c => c.CommandId,
        ConfirmationRequested c => c.CommandId,
        ConfirmationApproved c => c.CommandId,
        ConfirmationDenied c => c.CommandId,
        StallDetected c => c.CommandId,
        _ => null,
    };

    /// <summary>The entry of one command's events, oldest first.</summary>
    internal static TimelineEntry Entry(TimelineEntry shell, IReadOnlyList<PositionedEvent> oldestFirst)
    {
        var steps = new List<CommandStep>();
        CommandSpec? spec = null;
        string? text = null, notification = null;
        int? exit = null;
        DateTimeOffset? dispatchedAt = null, completedAt = null;
        foreach (var (position, e) in oldestFirst)
        {
            spec ??= e switch { CommandQueued q => q.Spec, CommandDispatched d => d.Spec, CommandDropped d => d.Spec, ConfirmationRequested r => r.Spec, _ => null };
            text ??= e switch { ConfirmationApproved a => a.Text, ConfirmationDenied d => d.Text, _ => null };
            if (e is CommandDispatched) dispatchedAt = e.At;
            if (e is CommandCompleted c) (exit, completedAt) = (c.ExitStatus, e.At);
            if (e is StallDetected { Notify: true } s) notification = $"stalled {s.Count} time(s)";
            steps.Add(Step(e, position));
        }
        return shell with
        {
            Kind = TimelineKinds.Command, CommandId = CommandIdOf(oldestFirst[0].Event), Text = spec?.Display ?? text, RiskLevel = spec?.RiskLevel,
            State = steps[^1].State, Steps = steps, ExitStatus = exit, Notification = notification,
            DurationSeconds = dispatchedAt is { } from && completedAt is { } to ? Math.Round((to - from).TotalSeconds, 3) : null,
        };
    }

    private static CommandStep Step(BranchEvent e, long position) => e switch
    {
        CommandQueued q => new(CommandStates.Queued, e.At, position, Detail: q.Reason),
        ConfirmationRequested r => new(CommandStates.Pending, e.At, position, Detail: r.Reason),
        ConfirmationApproved a => new(CommandStates.Approved, e.At, position, a.Who, a.Channel, a.Comment),
        ConfirmationDenied d => new(CommandStates.Denied, e.At, position, d.Who, d.Channel, d.Comment),
        CommandDispatched d => new(CommandStates.Dispatched, e.At, position,
            Detail: string.Join(", ", new[] { d.DryRun ? "dry run" : null, d.FromQueue ? "from the queue" : null, d.Approved ? "approved" : null }.OfType<string>()) is { Length: > 0 } why ? why : null),
        CommandDelivered d => new(CommandStates.Delivered, e.At, position, Detail: d.Agent is null ? null : $"{d.Agent}: {d.Confirmation}"),
        CommandNotSubmitted n => new(CommandStates.NotSubmitted, e.At, position, Detail: n.Reason),
        CommandDeliveryFailed f => new(CommandStates.Failed, e.At, position, Detail: f.Reason),
        CommandCompleted c => new(CommandStates.Completed, e.At, position, Detail: "exit " + c.ExitStatus),
        CommandDropped d => new(CommandStates.Dropped, e.At, position, Detail: d.Reason),
        StallDetected s => new(CommandStates.Stalled, e.At, position, Detail: $"stall {s.Count}"),
        _ => new(e.GetType().Name, e.At, position),
    };
}
