using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;
using TmuxAgent.Core.Policy;
using TmuxAgent.Core.Tasks;

namespace TmuxAgent.Core.Testing;

/// <summary>
/// A regression scenario over a whole task plan: steps (decisions, pane states, approvals, errors, the clock)
/// run through the real <see cref="BranchDecider.Decide"/> on a <see cref="PlanSimulation"/>, each followed by
/// expectations. The engine of <c>tmux-agent-orchestrator plan test</c>, and usable from any test framework:
/// <see cref="Then"/> throws <see cref="ScenarioExpectationException"/> on an unmet expectation.
/// </summary>
/// <example>
/// <code>
/// var plan = new PlanScenario(tasks, policy);
/// plan.Cycle("storyapp/api").Then(Expect.BlockedBy("storyapp/schema"));
/// plan.Decision("storyapp/schema", new Decision("migrated", [], Phase: "done")).Then(Expect.Phase("done"));
/// plan.Cycle("storyapp/api").Then(Expect.Unblocked(), Expect.DecisionRequested());
/// </code>
/// </example>
public sealed class PlanScenario
{
    /// <summary>Where every scenario's clock starts: 2025-11-23T12:00:00Z.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2025, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private int _decisions;

    /// <summary>A scenario named <paramref name="name"/> over <paramref name="tasks"/> (all planned at the start) under <paramref name="policy"/>.</summary>
    public PlanScenario(IEnumerable<TaskPlan> tasks, OrchestratorPolicy? policy = null, string name = "scenario", DateTimeOffset? start = null)
    {
        Name = name;
        Simulation = new PlanSimulation(tasks, policy, start ?? DefaultStart);
    }

    /// <summary>The scenario's name, used in failures.</summary>
    public string Name { get; }

    /// <summary>The branches, the policy and the clock.</summary>
    public PlanSimulation Simulation { get; }

    /// <summary>Command names and texts seen so far.</summary>
    public CommandBook Commands { get; } = new();

    /// <summary>Steps run so far.</summary>
    public int StepCount { get; private set; }

    /// <summary>The last step's outcome.</summary>
    public StepOutcome? Last { get; private set; }

    /// <summary>Runs <paramref name="step"/> now and returns what it produced.</summary>
    /// <exception cref="ArgumentException">The step names a branch the plan does not have.</exception>
    public StepOutcome Run(ScenarioStep step)
    {
        if (step is BranchStep b && Simulation.Board.Branches.GetValueOrDefault(b.Branch)?.Plan is null)
            throw new ArgumentException($"no task has branch \"{b.Branch}\"", nameof(step));
        var events = step switch
        {
            AdvanceStep a => Advance(a.Seconds),
            CycleStep c => Simulation.Tick(c.Branch, c.Busy),
            DecisionStep d => Decide(d),
            DecisionErrorStep f => Simulation.Apply(f.Branch, new FailDecision(DecisionIdFor(f.Branch), f.Kind, f.Message)),
            ApproveStep a => Simulation.Apply(a.Branch, Approval(a)),
            DenyStep d => Simulation.Apply(d.Branch, Denial(d)),
            DeliveryStep d => Simulation.Apply(d.Branch, new ReportDelivery(InFlight(d.Branch, d.Command), d.Delivered, d.Reason)),
            ExitStep x => Simulation.Apply(x.Branch, new ReportCompletion(InFlight(x.Branch, x.Command), x.Status)),
            _ => [],
        };
        foreach (var e in events) Commands.Learn(e);
        Last = new StepOutcome(++StepCount, step, events, step is BranchStep s ? Simulation[s.Branch] : null, Commands)
        {
            AsksForDecision = step is CycleStep cycle && BranchDecider.AsksForDecision(Simulation[cycle.Branch], events, Simulation.Policy, Simulation.Now),
        };
        return Last;
    }

    /// <summary>The expectations <paramref name="outcome"/> does not meet, as a failure (null: all met).</summary>
    public ScenarioFailure? Verify(StepOutcome outcome, IEnumerable<Expectation> expectations)
    {
        var unmet = expectations.Where(e => !e.IsMetBy(outcome)).ToList();
        return unmet.Count == 0 ? null : new ScenarioFailure(Name, outcome, unmet);
    }

    /// <summary>Runs <paramref name="step"/>; check it with <see cref="Then"/>.</summary>
    public PlanScenario When(ScenarioStep step)
    {
        Run(step);
        return this;
    }

    /// <summary>Checks the last step.</summary>
    /// <exception cref="ScenarioExpectationException">An expectation is not met.</exception>
    public PlanScenario Then(params Expectation[] expectations)
    {
        var last = Last ?? throw new InvalidOperationException("Then() needs a step first (When, Cycle, Decision, …).");
        if (Verify(last, expectations) is { } failure) throw new ScenarioExpectationException(failure);
        return this;
    }

    /// <summary>One cycle with the pane idle (or busy).</summary>
    public PlanScenario Cycle(string branch, bool busy = false) => When(new CycleStep(branch, busy));

    /// <summary>A decision with plain low-risk commands.</summary>
    public PlanScenario Decision(string branch, params string[] commands) =>
        When(new DecisionStep(branch, new Decision("scenario", commands.Select(c => CommandSpec.Of(c)).ToList())));

    /// <summary>A decision; <paramref name="names"/> name its commands by position.</summary>
    public PlanScenario Decision(string branch, Decision decision, bool busy = false, params string?[] names) =>
        When(new DecisionStep(branch, decision, busy) { CommandNames = names });

    /// <summary>A decision error of <paramref name="kind"/>.</summary>
    public PlanScenario DecisionError(string branch, string kind) => When(new DecisionErrorStep(branch, kind));

    /// <summary>Approves a pending command by name or text.</summary>
    public PlanScenario Approve(string branch, string command, bool busy = false) => When(new ApproveStep(branch, command, busy));

    /// <summary>Denies a pending command by name or text.</summary>
    public PlanScenario Deny(string branch, string command) => When(new DenyStep(branch, command));

    /// <summary>Moves the clock forward.</summary>
    public PlanScenario AdvanceSeconds(double seconds) => When(new AdvanceStep(seconds));

    private IReadOnlyList<BranchEvent> Advance(double seconds)
    {
        Simulation.AdvanceSeconds(seconds);
        return [];
    }

    private IReadOnlyList<BranchEvent> Decide(DecisionStep d)
    {
        var id = DecisionIdFor(d.Branch);
        for (var i = 0; i < d.CommandNames.Count && i < d.Decision.Commands.Count; i++)
            if (d.CommandNames[i] is { } name) Commands.Name(name, CommandIds.For(id, i));
        return Simulation.Apply(d.Branch, new ReceiveDecision(id, d.Decision, new PaneObservation(d.Busy), 0.0));
    }

    /// <summary>The open request's id, else a fresh deterministic one.</summary>
    private string DecisionIdFor(string branch) => Simulation[branch].OpenDecisionId ?? $"{branch}#scenario-{++_decisions}";

    private Approve Approval(ApproveStep a)
    {
        var named = Commands.IdsByName.ContainsKey(a.Command);
        return new Approve(named ? Commands.IdsByName[a.Command] : null, named ? null : a.Command, a.Who, "scenario", null, new PaneObservation(a.Busy));
    }

    private Deny Denial(DenyStep d)
    {
        var named = Commands.IdsByName.ContainsKey(d.Command);
        return new Deny(named ? Commands.IdsByName[d.Command] : null, named ? null : d.Command, d.Who, "scenario", null);
    }

    /// <summary>The id of a dispatched command by name, else by text among those awaiting a receipt or running.</summary>
    private string InFlight(string branch, string command)
    {
        var s = Simulation[branch];
        return Commands.Resolve(command, s.AwaitingReceipt.Concat(s.Running)) ?? command;
    }
}
