using System.Diagnostics.CodeAnalysis;
using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Serialization;
using TmuxAgent.Core.Projections.Snapshots;
using TmuxAgent.Core.Store;
using TmuxAgent.Core.Store.Compaction;
using TmuxAgent.Core.Store.Snapshots;

namespace TmuxAgent.Core.Projections;

/// <summary>
/// Every branch's state folded from the all-streams feed: the one read model behind the host, the replay,
/// the dashboard and the metrics (queues, pending confirmations, phase and plan, blockers, last command and
/// summary, heartbeat, counters).
/// </summary>
public sealed class BranchBoard
{
    private readonly SortedDictionary<string, BranchState> _branches = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _versions = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _behind = new(StringComparer.Ordinal);
    private long _compactionSeen;

    /// <summary>Branch states by name, sorted.</summary>
    public IReadOnlyDictionary<string, BranchState> Branches => _branches;

    /// <summary>Global position of the last stored event applied (0 when none came from a store).</summary>
    public long Position { get; private set; }

    /// <summary>The state of <paramref name="branch"/> (a new one when unknown).</summary>
    public BranchState this[string branch] => _branches.GetValueOrDefault(branch) ?? BranchState.New(branch);

    /// <summary>Folds one event into its branch.</summary>
    public void Apply(BranchEvent e) => _branches[e.Branch] = BranchEvolver.Evolve(this[e.Branch], e);

    /// <summary>
    /// Folds a stored event and advances <see cref="Position"/> to it. Events of streams that are not branch streams are
    /// skipped, and so is an event the branch's state already holds (its stream version is not above the branch's
    /// <see cref="VersionOf"/>: the host appended it and <see cref="Set"/> the result, or reloaded the branch), so
    /// reading the all-stream after one's own appends never folds an event twice.
    /// </summary>
    /// <returns>True when the event was folded into its branch.</returns>
    public bool Apply(StoredEvent e) => Apply(e, out _);

    /// <summary><see cref="Apply(StoredEvent)"/>, handing out the event folded (null when skipped), so a caller that
    /// also needs it does not deserialise it a second time.</summary>
    public bool Apply(StoredEvent e, [NotNullWhen(true)] out BranchEvent? folded)
    {
        folded = Takes(e.Position, e.Stream, e.Version) ? EventSerializer.FromStored(e) : null;
        if (folded is not null) Apply(folded);
        return folded is not null;
    }

    /// <summary>Replaces a branch's state and stream version (after the host appended to it or reloaded it from its
    /// stream); the all-stream events it already holds are skipped by <see cref="Apply(StoredEvent)"/> later.</summary>
    public void Set(LoadedBranch branch)
    {
        _behind.Remove(branch.State.Branch);
        _branches[branch.State.Branch] = branch.State;
        if (branch.Version.Value >= 0) _versions[branch.State.Branch] = branch.Version.Value;
        else _versions.Remove(branch.State.Branch);
    }

    /// <summary>The version of <paramref name="branch"/>'s stream its state was folded from (what the next append expects).</summary>
    public ExpectedVersion VersionOf(string branch) =>
        _versions.TryGetValue(branch, out var v) ? ExpectedVersion.Exactly(v) : ExpectedVersion.NoStream;

    /// <summary><paramref name="branch"/>'s state with its stream version.</summary>
    public LoadedBranch Loaded(string branch) => new(this[branch], VersionOf(branch));

    /// <summary><see cref="Apply(StoredEvent)"/> for an event of a read page, deserialised straight from its UTF-8 data.</summary>
    public bool Apply(in RawEvent e) => Apply(in e, out _);

    /// <summary><see cref="Apply(in RawEvent)"/>, handing out the event folded (null when skipped).</summary>
    public bool Apply(in RawEvent e, [NotNullWhen(true)] out BranchEvent? folded)
    {
        folded = Takes(e.Position, e.Stream, e.Version) ? EventSerializer.FromRaw(e) : null;
        if (folded is not null) Apply(folded);
        return folded is not null;
    }

    /// <summary>Advances <see cref="Position"/>; true when the event at <paramref name="version"/> of <paramref name="stream"/>
    /// is a branch event the board does not hold yet (its version is above the branch's <see cref="VersionOf"/>), and
    /// then records that version. An event that does not follow the version held (events between were compacted away
    /// before this board read them) is not folded: the branch is <see cref="Behind"/> until reloaded from its stream.</summary>
    private bool Takes(long position, StreamName stream, long version)
    {
        Position = position;
        if (stream.Branch is not { } branch) return false;
        var held = _versions.TryGetValue(branch, out var v) ? v : -1;
        if (version <= held || _behind.Contains(branch)) return false;
        if (version != held + 1) { _behind.Add(branch); return false; }
        _versions[branch] = version;
        return true;
    }

    /// <summary>Branches whose stream lost events this board had not read (a compaction that cut past the board's
    /// position): reload them from their streams (stream snapshot and tail) and <see cref="Set"/> them.</summary>
    public IReadOnlyCollection<string> Behind => _behind;

    /// <summary>A board folded from every event of <paramref name="store"/>, starting from the stream snapshots
    /// <c>store compact</c> left.</summary>
    public static async Task<BranchBoard> LoadAsync(IEventStore store, CancellationToken ct = default)
    {
        var board = new BranchBoard();
        await board.LoadStreamSnapshotsAsync(store, ct).ConfigureAwait(false);
        await board.CatchUpAsync(store, ct).ConfigureAwait(false);
        return board;
    }

    /// <summary>Sets every branch that has a stream snapshot to it (before folding a store from its start).</summary>
    /// <exception cref="DamagedSnapshotException">A stream snapshot cannot be read.</exception>
    public async Task LoadStreamSnapshotsAsync(ISnapshotStore store, CancellationToken ct = default)
    {
        foreach (var branch in await StreamSnapshots.LoadAllAsync(store, ct).ConfigureAwait(false)) Set(branch);
    }

    /// <summary>Applies every stored event after <see cref="Position"/>, then reloads the branches left
    /// <see cref="Behind"/>.</summary>
    public async Task CatchUpAsync(IEventStore store, CancellationToken ct = default)
    {
        await foreach (var page in store.ReadPagesAsync(Position, 4096, ct).ConfigureAwait(false))
            foreach (ref readonly var e in page.Events) Apply(in e);
        var repository = new BranchRepository(store);
        foreach (var branch in _behind.ToList()) Set(await repository.LoadAsync(branch, ct).ConfigureAwait(false));
        await FollowCompactionsAsync(store, ct).ConfigureAwait(false);
    }

    /// <summary>After a compaction this board has not seen yet (the store's <see cref="CompactionRules.MarkerName"/> moved):
    /// every branch whose stream snapshot reaches past the version the board holds lost events the board never read, and
    /// is set to that snapshot and the stream's events after it. One small read when nothing was compacted.</summary>
    /// <returns>The branches reloaded.</returns>
    public async Task<IReadOnlyList<string>> FollowCompactionsAsync(IEventStore store, CancellationToken ct = default)
    {
        var marker = await store.LoadSnapshotAsync(CompactionRules.MarkerName, ct).ConfigureAwait(false);
        if (marker is null || marker.Position == _compactionSeen) return [];
        _compactionSeen = marker.Position;
        var repository = new BranchRepository(store);
        var reloaded = new List<string>();
        foreach (var cut in await StreamSnapshots.LoadAllAsync(store, ct).ConfigureAwait(false))
        {
            var branch = cut.State.Branch;
            if (cut.Version.Value <= VersionOf(branch).Value) continue;
            Set(await repository.LoadAsync(branch, ct).ConfigureAwait(false));
            reloaded.Add(branch);
        }
        return reloaded;
    }

    /// <summary>The board as a snapshot: every branch with its stream version, and <see cref="Position"/>.</summary>
    public BoardSnapshotData ToSnapshot() => new(Position,
        _branches.Select(b => new BranchSnapshotEntry(b.Value, _versions.TryGetValue(b.Key, out var v) ? v : -1)).ToList());

    /// <summary>The board a snapshot holds; fold the events after its <see cref="Position"/> to bring it up to date.</summary>
    public static BranchBoard FromSnapshot(BoardSnapshotData snapshot)
    {
        var board = new BranchBoard { Position = snapshot.Position };
        foreach (var b in snapshot.Branches)
        {
            board._branches[b.State.Branch] = b.State;
            if (b.Version >= 0) board._versions[b.State.Branch] = b.Version;
        }
        return board;
    }

    /// <summary>The current phase of each dependency of <paramref name="branch"/> (null for a branch nobody planned),
    /// the input <see cref="Tick"/> needs to block and unblock.</summary>
    public IReadOnlyDictionary<string, string?> DependencyPhases(string branch) =>
        (this[branch].Plan?.DependsOn ?? []).Distinct().ToDictionary(
            d => d, d => _branches.TryGetValue(d, out var s) && s.Plan is not null ? s.Phase : null);

    /// <summary>Total queued commands over all branches.</summary>
    public int TotalQueued => _branches.Values.Sum(b => b.Queue.Count);

    /// <summary>Total pending confirmations over all branches.</summary>
    public int TotalPending => _branches.Values.Sum(b => b.Pending.Count);
}
