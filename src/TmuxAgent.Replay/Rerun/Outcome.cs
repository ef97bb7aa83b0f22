using TmuxAgent.Core.Branches;

namespace TmuxAgent.Replay.Rerun;

/// <summary>What became of one proposed command: sent, queued, held for approval, blocked or dropped.</summary>
/// <param name="Kind">dispatched, dry-run, queued, needs approval, blocked, dropped, or not recorded.</param>
/// <param name="Reason">Why (queue reason, approval reason, drop reason), when there is one.</param>
internal sealed record Outcome(string Kind, string? Reason = null)
{
    public static readonly Outcome NotRecorded = new("not recorded");

    /// <summary>The outcome of command <paramref name="commandId"/> among <paramref name="events"/>, or null.</summary>
    public static Outcome? Of(IEnumerable<BranchEvent> events, string commandId)
    {
        foreach (var e in events)
        {
            Outcome? o = e switch
            {
                CommandDispatched d when d.CommandId == commandId => new(d.DryRun ? "dry-run" : "dispatched"),
                CommandQueued q when q.CommandId == commandId => new("queued", q.Reason),
                ConfirmationRequested r when r.CommandId == commandId => new("needs approval", r.Reason),
                CommandDropped { Reason: DropReasons.Blocked } x when x.CommandId == commandId => new("blocked"),
                CommandDropped x when x.CommandId == commandId => new("dropped", x.Reason),
                _ => null,
            };
            if (o is not null) return o;
        }
        return null;
    }

    public override string ToString() => Reason is null ? Kind : $"{Kind} ({Reason})";
}
