using TmuxAgent.Core.Serialization;
using TmuxAgent.Core.Store;

namespace TmuxAgent.Core.Branches;

/// <summary>Loads branch states from their streams and appends new facts with optimistic concurrency.</summary>
/// <param name="store">The event store.</param>
/// <param name="newEventId">Source of event ids (inject a deterministic one in tests).</param>
public sealed class BranchRepository(IEventStore store, Func<string> newEventId)
{
    /// <summary>A repository with random GUID event ids.</summary>
    public BranchRepository(IEventStore store) : this(store, () => Guid.NewGuid().ToString("N")) { }

    /// <summary>The state of <paramref name="branch"/> folded from its stream.</summary>
    public async Task<BranchState> LoadAsync(string branch, CancellationToken ct = default)
    {
        var state = BranchState.New(branch);
        var stream = StreamName.ForBranch(branch);
        long from = 0;
        while (true)
        {
            var page = await store.ReadStreamAsync(stream, from, 4096, ct).ConfigureAwait(false);
            foreach (var e in page) state = BranchEvolver.Evolve(state, EventSerializer.FromStored(e));
            if (page.Count < 4096) return state;
            from += page.Count;
        }
    }

    /// <summary>Appends <paramref name="events"/> decided on <paramref name="state"/>, and returns the new state.</summary>
    /// <exception cref="WrongExpectedVersionException">Another writer appended to the branch since it was loaded.</exception>
    public async Task<BranchState> AppendAsync(BranchState state, IReadOnlyList<BranchEvent> events, CancellationToken ct = default)
    {
        if (events.Count == 0) return state;
        var expected = ExpectedVersion.AfterCount(state.EventCount);
        var stored = events.Select(e => EventSerializer.ToNew(e, newEventId())).ToList();
        await store.AppendAsync(StreamName.ForBranch(state.Branch), expected, stored, ct).ConfigureAwait(false);
        return BranchEvolver.Fold(state, events);
    }
}
