using Microsoft.Extensions.Logging;
using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Policy;
using TmuxAgent.Core.Projections;
using TmuxAgent.Core.Store;

namespace TmuxAgent.Host.Application;

/// <summary>
/// The host's application service and the only way events are appended: <see cref="HandleAsync"/> takes a branch's
/// state, runs <see cref="BranchDecider.Decide"/> on one input, appends the events with optimistic concurrency and
/// returns them with the new state. A conflict reloads the branch; inputs that stay true on a newer branch are decided
/// again (<see cref="ConflictRule"/>), the others come back as <see cref="HandleOutcome.Conflict"/>. Acting on the
/// events is the reactors' job (<see cref="Reactors.Reactions"/>). Not thread-safe: the loop's thread uses it.
/// </summary>
public sealed class BranchService(IEventStore store, OrchestratorPolicy policy, TimeProvider time, ILogger logger)
{
    private readonly BranchRepository _repository = new(store);
    private readonly Dictionary<string, QuietRun> _quiet = new(StringComparer.Ordinal);

    /// <summary>Every branch's state as this host knows it (its own appends, and what <see cref="CatchUpAsync"/> folded).</summary>
    public BranchBoard Board { get; private set; } = new();

    /// <summary>The policy <see cref="HandleAsync"/> decides with.</summary>
    public OrchestratorPolicy Policy => policy;

    private DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Decides <paramref name="input"/> on <paramref name="branch"/> and appends the events (never cancelled
    /// half-way).</summary>
    public async Task<Handled> HandleAsync(string branch, BranchInput input, CancellationToken ct = default)
    {
        var attempts = ConflictRule.AttemptsFor(input);
        var loaded = Board.Loaded(branch);
        for (var attempt = 1; ; attempt++)
        {
            var state = loaded.State;
            var now = Now;
            var run = _quiet.GetValueOrDefault(branch);
            var events = BranchDecider.Decide(state, input, policy, now, run);
            if (events.Count == 0)
            {
                Remember(branch, QuietRun.After(run, input, events, now));
                return new Handled(branch, HandleOutcome.Nothing, state, [], state);
            }
            try
            {
                var after = await _repository.AppendAsync(loaded, events, CancellationToken.None).ConfigureAwait(false);
                Board.Set(after);
                Remember(branch, QuietRun.After(run, input, events, now));
                return new Handled(branch, HandleOutcome.Recorded, state, events, after.State);
            }
            catch (WrongExpectedVersionException e)
            {
                loaded = await ReloadAsync(branch, CancellationToken.None).ConfigureAwait(false);
                state = loaded.State;
                if (attempt < attempts) continue;
                logger.LogWarning("{Branch}: conflict: another writer appended ({Message}); {Input} not recorded after {Attempts} attempt(s), "
                    + "the branch is reloaded and nothing of it is acted on", branch, e.Message, input.GetType().Name, attempt);
                return new Handled(branch, HandleOutcome.Conflict, state, [], state);
            }
        }
    }

    /// <summary>Whether the decision source is to be asked after <paramref name="ticked"/> (a recorded request, or a quiet
    /// one: <see cref="BranchDecider.AsksForDecision"/>).</summary>
    public bool AsksForDecision(Handled ticked) =>
        ticked.Outcome != HandleOutcome.Conflict && BranchDecider.AsksForDecision(ticked.State, ticked.Events, policy, Now);

    /// <summary>Whether <paramref name="tick"/> would ask the decision source now, without appending anything.</summary>
    public bool WouldAsk(string branch, Tick tick)
    {
        var state = Board[branch];
        var events = BranchDecider.Decide(state, tick, policy, Now);
        return BranchDecider.AsksForDecision(BranchEvolver.Fold(state, events), events, policy, Now);
    }

    /// <summary>The branches with repeated answers counted and not recorded yet (<see cref="QuietRun"/>).</summary>
    public IReadOnlyCollection<string> UnrecordedRuns => _quiet.Keys;

    private void Remember(string branch, QuietRun? run)
    {
        if (run is null) _quiet.Remove(branch);
        else _quiet[branch] = run;
    }

    /// <summary>Reads <paramref name="branch"/> again from its stream (a new lease tenure, a conflict).</summary>
    public async Task<LoadedBranch> ReloadAsync(string branch, CancellationToken ct)
    {
        var loaded = await _repository.LoadAsync(branch, ct).ConfigureAwait(false);
        Board.Set(loaded);
        return loaded;
    }

    /// <summary>Forgets every branch (before loading the store from its start).</summary>
    public void Reset() => Board = new BranchBoard();

    /// <summary>Starts from <paramref name="board"/> (restored from a snapshot) instead of an empty board.</summary>
    public void Restore(BranchBoard board) => Board = board;

    /// <summary>Folds every stored event after the board's position: at start all of them (or the tail after a
    /// snapshot), later what other hosts appended. Events this host appended are already in the board and are skipped
    /// by version, never folded twice. Branches whose stream lost events the board had not read (a compaction) are
    /// reloaded from their streams.</summary>
    /// <param name="folded">Called with each event folded and its branch's state right after it (nothing is collected).</param>
    /// <param name="ct">Cancels the read.</param>
    /// <returns>How many events were folded.</returns>
    public async Task<long> CatchUpAsync(Action<BranchEvent, BranchState> folded, CancellationToken ct)
    {
        long count = 0;
        await foreach (var page in store.ReadPagesAsync(Board.Position, 4096, ct).ConfigureAwait(false))
            foreach (ref readonly var stored in page.Events)
                if (Board.Apply(in stored, out var e))
                {
                    count++;
                    folded(e, Board[e.Branch]);
                }
        foreach (var branch in Board.Behind.ToList())
        {
            logger.LogInformation("{Branch}: its stream was compacted past what this host had read; reloaded from its snapshot and tail", branch);
            await ReloadAsync(branch, ct).ConfigureAwait(false);
        }
        foreach (var branch in await Board.FollowCompactionsAsync(store, ct).ConfigureAwait(false))
            logger.LogInformation("{Branch}: a compaction cut past what this host had read; reloaded from its snapshot and tail", branch);
        return count;
    }
}
