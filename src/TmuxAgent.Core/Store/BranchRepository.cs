using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Serialization;
using TmuxAgent.Core.Store.Snapshots;

namespace TmuxAgent.Core.Store;

/// <summary>Loads branch states from their streams and appends new facts with optimistic concurrency: the version an
/// append expects is the one read from the stream (<see cref="LoadedBranch.Version"/>).</summary>
/// <param name="store">The event store.</param>
/// <param name="newEventId">Source of event ids (inject a deterministic one in tests).</param>
public sealed class BranchRepository(IEventStore store, Func<string> newEventId)
{
    private const int PageSize = 4096;

    /// <summary>A repository with random GUID event ids.</summary>
    public BranchRepository(IEventStore store) : this(store, () => Guid.NewGuid().ToString("N")) { }

    /// <summary>The state of <paramref name="branch"/> folded from its stream (after its snapshot, when <c>store compact</c>
    /// left one), with the stream's version.</summary>
    public async Task<LoadedBranch> LoadAsync(string branch, CancellationToken ct = default)
    {
        var stream = StreamName.ForBranch(branch);
        var loaded = await StreamSnapshots.LoadAsync(store, stream, ct).ConfigureAwait(false) ?? LoadedBranch.New(branch);
        var from = loaded.Version.Value + 1;
        while (true)
        {
            var page = await store.ReadStreamAsync(stream, from, PageSize, ct).ConfigureAwait(false);
            foreach (var e in page)
                loaded = new LoadedBranch(BranchEvolver.Evolve(loaded.State, EventSerializer.FromStored(e)), ExpectedVersion.Exactly(e.Version));
            if (page.Count < PageSize) return loaded;
            from = page[^1].Version + 1;
        }
    }

    /// <summary>Appends <paramref name="events"/> decided on <paramref name="branch"/>'s state, expecting its stream at the
    /// version it was read at; returns the new state and version.</summary>
    /// <exception cref="WrongExpectedVersionException">Another writer appended to the branch since it was read.</exception>
    public async Task<LoadedBranch> AppendAsync(LoadedBranch branch, IReadOnlyList<BranchEvent> events, CancellationToken ct = default)
    {
        if (events.Count == 0) return branch;
        var stored = events.Select(e => EventSerializer.ToNew(e, newEventId())).ToList();
        var result = await store.AppendAsync(StreamName.ForBranch(branch.State.Branch), branch.Version, stored, ct).ConfigureAwait(false);
        return new LoadedBranch(BranchEvolver.Fold(branch.State, events), ExpectedVersion.Exactly(result.NextExpectedVersion));
    }
}
