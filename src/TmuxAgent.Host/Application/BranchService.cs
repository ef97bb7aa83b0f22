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
        var state = Board[branch];
        for (var attempt = 1; ; attempt++)
        {
            var events = BranchDecider.Decide(state, input, policy, Now);
            if (events.Count == 0) return new Handled(branch, HandleOutcome.Nothing, state, [], state);
            try
            {
                var after = await _repository.AppendAsync(state, events, CancellationToken.None).ConfigureAwait(false);
                Board.Set(after);
                return new Handled(branch, HandleOutcome.Recorded, state, events, after);
            }
            catch (WrongExpectedVersionException e)
            {
                state = await ReloadAsync(branch, CancellationToken.None).ConfigureAwait(false);
                if (attempt < attempts) continue;
                logger.LogWarning("{Branch}: conflict: another writer appended ({Message}); {Input} not recorded after {Attempts} attempt(s), "
                    + "the branch is reloaded and nothing of it is acted on", branch, e.Message, input.GetType().Name, attempt);
                return new Handled(branch, HandleOutcome.Conflict, state, [], state);
            }
        }
    }

    /// <summary>The events <paramref name="input"/> would produce now, without appending them (to read the pane before a
    /// decision request is recorded and anything is typed).</summary>
    public IReadOnlyList<BranchEvent> Preview(string branch, BranchInput input) => BranchDecider.Decide(Board[branch], input, policy, Now);

    /// <summary>Reads <paramref name="branch"/> again from its stream (a new lease tenure, a conflict).</summary>
    public async Task<BranchState> ReloadAsync(string branch, CancellationToken ct)
    {
        var state = await _repository.LoadAsync(branch, ct).ConfigureAwait(false);
        Board.Set(state);
        return state;
    }

    /// <summary>Forgets every branch (before loading the store from its start).</summary>
    public void Reset() => Board = new BranchBoard();

    /// <summary>Folds every stored event after the board's position: at start all of them, later what other hosts
    /// appended. Events this host appended are already in the board and are skipped by version, never folded twice.</summary>
    /// <returns>Each event folded, with its branch's state right after it.</returns>
    public async Task<IReadOnlyList<(BranchEvent Event, BranchState After)>> CatchUpAsync(CancellationToken ct)
    {
        var folded = new List<(BranchEvent, BranchState)>();
        while (true)
        {
            var page = await store.ReadAllAsync(Board.Position, 4096, ct).ConfigureAwait(false);
            if (page.Count == 0) return folded;
            foreach (var stored in page)
                if (Board.Apply(stored, out var e)) folded.Add((e, Board[e.Branch]));
        }
    }
}
