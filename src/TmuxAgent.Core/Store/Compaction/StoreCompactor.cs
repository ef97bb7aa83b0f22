using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Serialization;
using TmuxAgent.Core.Store.Snapshots;

namespace TmuxAgent.Core.Store.Compaction;

/// <summary>
/// Plans a retention cut (<c>tmux-agent-orchestrator store compact --before DATE</c>): for each branch stream, the events
/// from its start up to (not including) its first event at or after the cutoff are dropped, and a stream snapshot — the
/// branch's state folded up to the last of them with <see cref="BranchEvolver.Evolve"/> — takes their place. Loading the
/// branch reads the snapshot and then the events after it, so its state (queue, pending approvals, commands awaiting a
/// receipt, counters, phase, …) is exactly what it was. The store's last event is never dropped (positions are numbered
/// after it), and streams that are not branch streams are kept whole. Planning only reads; apply the plan with
/// <see cref="ICompactableStore.CompactAsync"/> once what it drops is safely archived.
/// </summary>
public static class StoreCompactor
{
    private const int PageSize = 4096;

    /// <summary>Reads the whole store in global order, handing every event the plan drops to <paramref name="dropped"/>
    /// (<paramref name="now"/>: when the snapshots are taken).</summary>
    /// <exception cref="DamagedSnapshotException">A stream snapshot left by an earlier compaction cannot be read.</exception>
    public static async Task<CompactionPlan> PlanAsync(IEventStore store, DateTimeOffset before, DateTimeOffset now, Func<StoredEvent, ValueTask>? dropped = null,
        CancellationToken ct = default)
    {
        var last = await store.LastPositionAsync(ct).ConfigureAwait(false);
        var branches = (await StreamSnapshots.LoadAllAsync(store, ct).ConfigureAwait(false))
            .ToDictionary(b => StreamName.ForBranch(b.State.Branch).Value, b => new Cut(b, false, false), StringComparer.Ordinal);
        long droppedCount = 0, kept = 0;
        DateTimeOffset? first = null, latest = null;
        for (long after = 0; after < last;)
        {
            var page = await store.ReadAllAsync(after, PageSize, ct).ConfigureAwait(false);
            if (page.Count == 0) break;
            foreach (var e in page)
            {
                if (e.Position > last) break;
                if (!Drops(branches, e, before, last)) { kept++; continue; }
                if (dropped is not null) await dropped(e).ConfigureAwait(false);
                droppedCount++;
                first ??= e.Created;
                latest = e.Created;
            }
            after = page[^1].Position;
        }
        var cuts = branches.Values.Where(c => c.Changed)
            .Select(c => new StreamCut(StreamName.ForBranch(c.Branch.State.Branch), c.Branch.Version.Value, StreamSnapshots.Of(c.Branch, now)))
            .ToList();
        return new CompactionPlan(before, cuts, droppedCount, first, latest, kept);
    }

    /// <summary>Whether <paramref name="e"/> is dropped, folding it into its branch's cut when it is.</summary>
    private static bool Drops(Dictionary<string, Cut> branches, StoredEvent e, DateTimeOffset before, long last)
    {
        if (e.Stream.Branch is not { } branch) return false;
        var cut = branches.GetValueOrDefault(e.Stream.Value) ?? new Cut(LoadedBranch.New(branch), false, false);
        if (e.Version <= cut.Branch.Version.Value) return false;   // held by the stream's snapshot already (kept as the store's last event)
        if (cut.Closed || e.Created >= before || e.Position == last)
        {
            branches[e.Stream.Value] = cut with { Closed = true };
            return false;
        }
        var state = BranchEvolver.Evolve(cut.Branch.State, EventSerializer.FromStored(e));
        branches[e.Stream.Value] = new Cut(new LoadedBranch(state, ExpectedVersion.Exactly(e.Version)), false, true);
        return true;
    }

    /// <summary>A branch stream's state so far: <paramref name="Closed"/> once an event at or after the cutoff was seen
    /// (nothing after it is dropped), <paramref name="Changed"/> once an event was dropped.</summary>
    private sealed record Cut(LoadedBranch Branch, bool Closed, bool Changed);
}
