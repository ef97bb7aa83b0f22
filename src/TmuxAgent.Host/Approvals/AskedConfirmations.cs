using TmuxAgent.Core.Branches;
using TmuxAgent.Host.Application;
using TmuxAgent.Host.Reactors;
using TmuxAgent.Host.Snapshots;

namespace TmuxAgent.Host.Approvals;

/// <summary>The approvals a branch asked for (by command id and by text), folded from the events this host appended and
/// those it read from other hosts: tells "no longer pending" from "never asked". The last <see cref="KeptPerBranch"/> of
/// each branch are kept (in memory and in the host snapshot, which would otherwise grow with the whole history): an answer
/// naming an older one is reported as unknown rather than as no longer pending.</summary>
public sealed class AskedConfirmations : IReactor
{
    /// <summary>How many asked approvals of each branch are remembered, by id and by text each.</summary>
    public const int KeptPerBranch = 1_000;

    private readonly Dictionary<string, Recent> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Recent> _texts = new(StringComparer.Ordinal);

    /// <summary>Folds one event.</summary>
    public void Record(BranchEvent e)
    {
        if (e is not ConfirmationRequested r) return;
        Add(_ids, r.Branch, r.CommandId);
        if (r.Spec.Text is not null) Add(_texts, r.Branch, r.Spec.Text);
    }

    /// <summary>Whether <paramref name="branch"/> asked to approve the command named by <paramref name="commandId"/>
    /// (wins) or <paramref name="text"/>.</summary>
    public bool Asked(string branch, string? commandId, string? text) =>
        commandId is { Length: > 0 } id ? Has(_ids, branch, id) : text is not null && Has(_texts, branch, text);

    /// <summary>Everything remembered, oldest first per branch, for the host snapshot.</summary>
    public IReadOnlyList<AskedConfirmation> Export() =>
    [
        .. _ids.SelectMany(b => b.Value.Order.Select(id => new AskedConfirmation(b.Key, id, null))),
        .. _texts.SelectMany(b => b.Value.Order.Select(t => new AskedConfirmation(b.Key, null, t))),
    ];

    /// <summary>Records what a host snapshot holds (before the events after it are folded).</summary>
    public void Restore(IEnumerable<AskedConfirmation> asked)
    {
        foreach (var a in asked)
        {
            if (a.CommandId is not null) Add(_ids, a.Branch, a.CommandId);
            if (a.Text is not null) Add(_texts, a.Branch, a.Text);
        }
    }

    /// <inheritdoc />
    public Task ReactAsync(Handled handled, ReactionContext context, CancellationToken ct)
    {
        foreach (var e in handled.Events) Record(e);
        return Task.CompletedTask;
    }

    private static bool Has(Dictionary<string, Recent> by, string branch, string key) => by.TryGetValue(branch, out var r) && r.Set.Contains(key);

    private static void Add(Dictionary<string, Recent> by, string branch, string key)
    {
        if (!by.TryGetValue(branch, out var recent)) by[branch] = recent = new Recent();
        if (!recent.Set.Add(key)) return;
        recent.Order.Enqueue(key);
        if (recent.Order.Count > KeptPerBranch) recent.Set.Remove(recent.Order.Dequeue());
    }

    /// <summary>One branch's remembered keys, in the order they were asked.</summary>
    private sealed class Recent
    {
        public HashSet<string> Set { get; } = new(StringComparer.Ordinal);
        public Queue<string> Order { get; } = new();
    }
}
