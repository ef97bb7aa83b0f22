using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;

namespace TmuxAgent.Core.Testing;

/// <summary>
/// The commands a scenario has seen: names given in decision steps (name → command id) and each id's text,
/// so steps and expectations can name a command by the name given to it or by its exact text.
/// </summary>
public sealed class CommandBook
{
    private readonly Dictionary<string, string> _idsByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _textById = new(StringComparer.Ordinal);

    /// <summary>Names given so far.</summary>
    public IReadOnlyDictionary<string, string> IdsByName => _idsByName;

    /// <summary>Records that <paramref name="name"/> is command <paramref name="commandId"/>.</summary>
    public void Name(string name, string commandId) => _idsByName[name] = commandId;

    /// <summary>Learns the text of every command an event mentions.</summary>
    public void Learn(BranchEvent e)
    {
        if (SpecOf(e) is { } spec) _textById[IdOf(e)!] = spec.Display;
    }

    /// <summary>True when <paramref name="reference"/> (a name, else an exact text) denotes command <paramref name="commandId"/> shown as <paramref name="text"/>.</summary>
    public bool Matches(string reference, string commandId, string text) =>
        _idsByName.TryGetValue(reference, out var id) ? id == commandId : text == reference;

    /// <summary>The id named <paramref name="reference"/>, or the first of <paramref name="candidates"/> whose text it is, or null.</summary>
    public string? Resolve(string reference, IEnumerable<CommandRef> candidates) =>
        _idsByName.TryGetValue(reference, out var id) ? id : candidates.FirstOrDefault(c => c.Spec.Display == reference)?.CommandId;

    /// <summary>The text of command <paramref name="commandId"/>, or the id when unknown.</summary>
    public string TextOf(string commandId) => _textById.GetValueOrDefault(commandId) ?? commandId;

    /// <summary>The command id an event is about, if any.</summary>
    public static string? IdOf(BranchEvent e) => e switch
    {
        CommandQueued x => x.CommandId, CommandDispatched x => x.CommandId, CommandDelivered x => x.CommandId,
        CommandDeliveryFailed x => x.CommandId, CommandCompleted x => x.CommandId, CommandDropped x => x.CommandId,
        ConfirmationRequested x => x.CommandId, ConfirmationApproved x => x.CommandId, ConfirmationDenied x => x.CommandId,
        StallDetected x => x.CommandId, CommandNotSubmitted x => x.CommandId, _ => null,
    };

    /// <summary>The command an event carries in full, if any.</summary>
    public static CommandSpec? SpecOf(BranchEvent e) => e switch
    {
        CommandQueued x => x.Spec, CommandDispatched x => x.Spec, CommandDropped x => x.Spec, ConfirmationRequested x => x.Spec, _ => null,
    };

    /// <summary>An event as an operator would say it, e.g. <c>queued "npm test" (pane_busy)</c>.</summary>
    public string Describe(BranchEvent e) => e switch
    {
        TaskPlanned p => $"planned (phase {p.InitialPhase})",
        TaskChanged => "task changed",
        DecisionRequested => "decision requested",
        DecisionReceived d => $"decision received ({d.Commands.Count} command(s))",
        DecisionFailed f => $"decision failed: {f.Kind} (#{f.ConsecutiveFailures}, retry at +{(f.RetryAt - f.At).TotalSeconds:0.###}s{(f.Notify ? ", notify" : "")})",
        CommandQueued q => $"queued \"{q.Spec.Display}\" ({q.Reason})",
        CommandDispatched d => $"{(d.DryRun ? "dry-run recorded" : "dispatched")} \"{d.Spec.Display}\"{(d.FromQueue ? " (from queue)" : "")}{(d.Approved ? " (approved)" : "")}",
        CommandDelivered d => $"delivered \"{TextOf(d.CommandId)}\"{(d.Agent is null ? "" : $" to {d.Agent} ({d.Confirmation})")}",
        CommandNotSubmitted n => $"not submitted to {n.Agent} \"{TextOf(n.CommandId)}\" ({n.Reason}{(n.Typed ? "" : "; queued again")})",
        CommandDeliveryFailed f => $"delivery failed \"{TextOf(f.CommandId)}\" ({f.Reason})",
        CommandCompleted c => $"completed \"{TextOf(c.CommandId)}\" with exit status {c.ExitStatus}",
        CommandDropped d => $"dropped \"{d.Spec.Display}\" ({d.Reason})",
        ConfirmationRequested r => $"pending approval \"{r.Spec.Display}\" ({r.Reason})",
        ConfirmationApproved a => $"approved \"{a.Text}\"",
        ConfirmationDenied d => $"denied \"{d.Text}\"",
        BranchBlocked b => $"blocked by {string.Join(", ", b.WaitingOn)}",
        BranchUnblocked u => $"unblocked ({u.Reason})",
        PhaseChanged p => $"phase {p.From} -> {p.To}",
        StallDetected s => $"stall detected \"{TextOf(s.CommandId)}\" (#{s.Count}{(s.Notify ? ", notify" : "")})",
        _ => e.GetType().Name,
    };
}
