namespace TmuxAgent.Core.Branches;

/// <summary>
/// The repeated no-op answers a host asked for and has not recorded yet (<see cref="DecisionsRepeated"/>): kept in the
/// host's memory between cycles and handed to <see cref="BranchDecider.Decide"/>,
/// which folds it into one event when it is due. A host that dies loses at most one run's count, never a command.
/// </summary>
/// <param name="Count">Answers in the run.</param>
/// <param name="Since">When the first came.</param>
/// <param name="LastDecisionId">The request id of the last.</param>
/// <param name="LatencySeconds">Their latencies added up.</param>
public sealed record QuietRun(int Count, DateTimeOffset Since, string LastDecisionId, double LatencySeconds)
{
    /// <summary>The run after handling <paramref name="input"/> at <paramref name="now"/> produced <paramref name="events"/>:
    /// one longer when a decision was answered and nothing recorded (a quiet repeat), none once a decision fact was
    /// recorded (the run went into it), else unchanged.</summary>
    public static QuietRun? After(QuietRun? run, BranchInput input, IReadOnlyList<BranchEvent> events, DateTimeOffset now)
    {
        if (input is ReceiveDecision d && events.Count == 0)
            return run is null ? new QuietRun(1, now, d.DecisionId, d.LatencySeconds)
                : run with { Count = run.Count + 1, LastDecisionId = d.DecisionId, LatencySeconds = run.LatencySeconds + d.LatencySeconds };
        return events.Any(e => e is DecisionsRepeated or DecisionReceived or DecisionFailed) ? null : run;
    }

    /// <summary>The run as one fact about <paramref name="branch"/> at <paramref name="at"/>.</summary>
    public DecisionsRepeated ToEvent(string branch, DateTimeOffset at) =>
        new(LastDecisionId, Count, Since, Math.Round(LatencySeconds, 6)) { Branch = branch, At = at };
}
