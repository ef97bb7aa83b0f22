namespace TmuxAgent.Core.Branches;

/// <summary>The events Decide has produced so far, with the state they lead to, so later rules see earlier facts.</summary>
internal sealed class Facts(BranchState state, DateTimeOffset now)
{
    private readonly List<BranchEvent> _events = [];

    public BranchState State { get; private set; } = state;
    public DateTimeOffset Now { get; } = now;
    /// <summary>Repeated answers the host counted and has not recorded yet.</summary>
    public QuietRun? Unrecorded { get; init; }
    public string Branch => State.Branch;
    public IReadOnlyList<BranchEvent> Events => _events;

    public void Add(BranchEvent e)
    {
        _events.Add(e);
        State = BranchEvolver.Evolve(State, e);
    }
}
