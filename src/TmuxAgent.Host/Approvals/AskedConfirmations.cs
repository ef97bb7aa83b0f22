using TmuxAgent.Core.Branches;
using TmuxAgent.Host.Application;
using TmuxAgent.Host.Reactors;
using TmuxAgent.Host.Snapshots;

namespace TmuxAgent.Host.Approvals;

/// <summary>Every approval a branch ever asked for (by command id and by text), folded from the events this host
/// appended and those it read from other hosts: tells "no longer pending" from "never asked".</summary>
public sealed class AskedConfirmations : IReactor
{
    private readonly HashSet<(string Branch, string CommandId)> _ids = [];
    private readonly HashSet<(string Branch, string Text)> _texts = [];

    /// <summary>Folds one event.</summary>
    public void Record(BranchEvent e)
    {
        if (e is not ConfirmationRequested r) return;
        _ids.Add((r.Branch, r.CommandId));
        if (r.Spec.Text is not null) _texts.Add((r.Branch, r.Spec.Text));
    }

    /// <summary>Whether <paramref name="branch"/> asked to approve the command named by <paramref name="commandId"/>
    /// (wins) or <paramref name="text"/>.</summary>
    public bool Asked(string branch, string? commandId, string? text) =>
        commandId is { Length: > 0 } id ? _ids.Contains((branch, id)) : text is not null && _texts.Contains((branch, text));

    /// <summary>Everything recorded, for the host snapshot.</summary>
    public IReadOnlyList<AskedConfirmation> Export() =>
        [.. _ids.Select(i => new AskedConfirmation(i.Branch, i.CommandId, null)), .. _texts.Select(t => new AskedConfirmation(t.Branch, null, t.Text))];

    /// <summary>Records what a host snapshot holds (before the events after it are folded).</summary>
    public void Restore(IEnumerable<AskedConfirmation> asked)
    {
        foreach (var a in asked)
        {
            if (a.CommandId is not null) _ids.Add((a.Branch, a.CommandId));
            if (a.Text is not null) _texts.Add((a.Branch, a.Text));
        }
    }

    /// <inheritdoc />
    public Task ReactAsync(Handled handled, ReactionContext context, CancellationToken ct)
    {
        foreach (var e in handled.Events) Record(e);
        return Task.CompletedTask;
    }
}
