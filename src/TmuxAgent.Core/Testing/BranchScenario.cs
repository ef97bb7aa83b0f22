using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Policy;
using TmuxAgent.Core.Tasks;

namespace TmuxAgent.Core.Testing;

/// <summary>
/// Drives one branch through <see cref="BranchDecider.Decide"/> and <see cref="BranchEvolver.Evolve"/> with a clock
/// you control: the smallest way for another tool to unit-test a task plan against the real policy.
/// </summary>
/// <example>
/// <code>
/// var s = BranchScenario.For(new TaskPlan("app/x", "X", ["planning", "done"], []));
/// var events = s.When(s.Decision("npm test"));
/// events.OfType&lt;CommandDispatched&gt;().Should().ContainSingle();
/// </code>
/// </example>
public sealed class BranchScenario
{
    private int _ids;

    private BranchScenario(BranchState state, OrchestratorPolicy policy, DateTimeOffset now)
    {
        State = state;
        Policy = policy;
        Now = now;
    }

    /// <summary>The branch's current state.</summary>
    public BranchState State { get; private set; }

    /// <summary>The policy every input is decided under.</summary>
    public OrchestratorPolicy Policy { get; }

    /// <summary>The scenario's clock.</summary>
    public DateTimeOffset Now { get; private set; }

    /// <summary>Every event decided so far, in order.</summary>
    public List<BranchEvent> History { get; } = [];

    /// <summary>A scenario for a branch that was never planned.</summary>
    public static BranchScenario ForBranch(string branch, OrchestratorPolicy? policy = null, DateTimeOffset? start = null) =>
        new(BranchState.New(branch), policy ?? OrchestratorPolicy.Default, start ?? DateTimeOffset.UnixEpoch.AddDays(20000));

    /// <summary>A scenario whose branch has been planned with <paramref name="plan"/>.</summary>
    public static BranchScenario For(TaskPlan plan, OrchestratorPolicy? policy = null, DateTimeOffset? start = null)
    {
        var s = ForBranch(plan.Branch, policy, start);
        s.When(new PlanTask(plan));
        return s;
    }

    /// <summary>Folds facts that already happened, without deciding anything.</summary>
    public BranchScenario Given(params BranchEvent[] events)
    {
        State = BranchEvolver.Fold(State, events);
        History.AddRange(events);
        return this;
    }

    /// <summary>Repeated no-op answers counted and not recorded yet, carried from input to input as the host carries
    /// them (<see cref="QuietRun"/>).</summary>
    public QuietRun? Unrecorded { get; private set; }

    /// <summary>Whether the decision source would be asked after a <see cref="Tick"/> that produced <paramref name="tickEvents"/>
    /// (recorded, or quietly after a no-op answer).</summary>
    public bool AsksForDecision(IReadOnlyList<BranchEvent> tickEvents) => BranchDecider.AsksForDecision(State, tickEvents, Policy, Now);

    /// <summary>Decides <paramref name="input"/> now, applies the events and returns them.</summary>
    public IReadOnlyList<BranchEvent> When(BranchInput input)
    {
        var events = BranchDecider.Decide(State, input, Policy, Now, Unrecorded);
        Unrecorded = QuietRun.After(Unrecorded, input, events, Now);
        State = BranchEvolver.Fold(State, events);
        History.AddRange(events);
        return events;
    }

    /// <summary>Moves the clock forward.</summary>
    public BranchScenario Advance(TimeSpan by)
    {
        Now += by;
        return this;
    }

    /// <summary>Moves the clock forward by <paramref name="seconds"/>.</summary>
    public BranchScenario AdvanceSeconds(double seconds) => Advance(TimeSpan.FromSeconds(seconds));

    /// <summary>A fresh id for a decision request.</summary>
    public string NextDecisionId() => $"{State.Branch}#d{++_ids}";

    /// <summary>A cycle with the pane idle (or <paramref name="busy"/>) and the given dependency phases.</summary>
    public Tick Tick(bool busy = false, IReadOnlyDictionary<string, string?>? dependencyPhases = null) =>
        new(new PaneObservation(busy), dependencyPhases ?? new Dictionary<string, string?>(), NextDecisionId());

    /// <summary>A decision answering the open request (or a fresh id) with plain low-risk commands.</summary>
    public ReceiveDecision Decision(params string[] commands) =>
        Decision(new Decision("scenario", commands.Select(c => Commands.CommandSpec.Of(c)).ToList()));

    /// <summary>A decision answering the open request (or a fresh id).</summary>
    public ReceiveDecision Decision(Decision decision, bool busy = false) =>
        new(State.OpenDecisionId ?? NextDecisionId(), decision, new PaneObservation(busy), 0.1);
}
