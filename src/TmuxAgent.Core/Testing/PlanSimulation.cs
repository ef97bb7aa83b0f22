using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Policy;
using TmuxAgent.Core.Projections;
using TmuxAgent.Core.Tasks;

namespace TmuxAgent.Core.Testing;

/// <summary>
/// Several branches of one plan decided together, so dependencies between them are seen as the host sees them:
/// each cycle a branch is told the current phase of every branch it depends on.
/// </summary>
public sealed class PlanSimulation
{
    private readonly BranchBoard _board = new();
    private readonly Dictionary<string, QuietRun> _quiet = new(StringComparer.Ordinal);
    private int _ids;

    /// <summary>A simulation of <paramref name="tasks"/> under <paramref name="policy"/>, starting at <paramref name="start"/>.</summary>
    public PlanSimulation(IEnumerable<TaskPlan> tasks, OrchestratorPolicy? policy = null, DateTimeOffset? start = null)
    {
        Policy = policy ?? OrchestratorPolicy.Default;
        Now = start ?? DateTimeOffset.UnixEpoch.AddDays(20000);
        foreach (var t in tasks) Apply(t.Branch, new PlanTask(t));
    }

    /// <summary>The policy.</summary>
    public OrchestratorPolicy Policy { get; }

    /// <summary>The clock.</summary>
    public DateTimeOffset Now { get; private set; }

    /// <summary>Every branch's state.</summary>
    public BranchBoard Board => _board;

    /// <summary>Every event decided so far.</summary>
    public List<BranchEvent> History { get; } = [];

    /// <summary>The state of <paramref name="branch"/>.</summary>
    public BranchState this[string branch] => _board[branch];

    /// <summary>Decides <paramref name="input"/> for <paramref name="branch"/> now and applies the events; repeated no-op
    /// answers are counted as the host counts them (<see cref="QuietRun"/>).</summary>
    public IReadOnlyList<BranchEvent> Apply(string branch, BranchInput input)
    {
        var run = _quiet.GetValueOrDefault(branch);
        var events = BranchDecider.Decide(_board[branch], input, Policy, Now, run);
        if (QuietRun.After(run, input, events, Now) is { } next) _quiet[branch] = next;
        else _quiet.Remove(branch);
        foreach (var e in events) _board.Apply(e);
        History.AddRange(events);
        return events;
    }

    /// <summary>One cycle for <paramref name="branch"/>, telling it its dependencies' phases.</summary>
    public IReadOnlyList<BranchEvent> Tick(string branch, bool busy = false) =>
        Apply(branch, new Tick(new PaneObservation(busy), _board.DependencyPhases(branch), $"{branch}#d{++_ids}"));

    /// <summary>Moves the clock forward by <paramref name="seconds"/>.</summary>
    public PlanSimulation AdvanceSeconds(double seconds)
    {
        Now = Now.AddSeconds(seconds);
        return this;
    }
}
