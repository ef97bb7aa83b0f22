using System.Collections.Immutable;

namespace TmuxAgent.Core.Branches;

/// <summary>Running totals for one branch, the source of the per-branch metrics.</summary>
public sealed record BranchCounters
{
    /// <summary>Commands typed into the pane.</summary>
    public long Dispatched { get; init; }
    /// <summary>Commands that entered the queue.</summary>
    public long Queued { get; init; }
    /// <summary>Commands only recorded (dry-run).</summary>
    public long DryRun { get; init; }
    /// <summary>Commands dropped (duplicates, limits, denials, …).</summary>
    public long Dropped { get; init; }
    /// <summary>Decisions received, recorded one by one or counted in <see cref="DecisionsRepeated"/>.</summary>
    public long Decisions { get; init; }
    /// <summary>Of <see cref="Decisions"/>, the answers that repeated the last no-op answer and were only counted.</summary>
    public long RepeatedDecisions { get; init; }
    /// <summary>Decision errors by kind.</summary>
    public ImmutableSortedDictionary<string, long> DecisionErrors { get; init; } = ImmutableSortedDictionary<string, long>.Empty;
    /// <summary>Commands that completed with exit status 0.</summary>
    public long Successes { get; init; }
    /// <summary>Commands that failed: non-zero exit or failed delivery.</summary>
    public long Failures { get; init; }
    /// <summary>Approvals.</summary>
    public long Approvals { get; init; }
    /// <summary>Denials.</summary>
    public long Denials { get; init; }
    /// <summary>Stalls detected.</summary>
    public long Stalls { get; init; }
    /// <summary>Commands held for approval because their risk label was not a known one (fail closed).</summary>
    public long UnknownRiskLevels { get; init; }

    /// <summary>Stuck verdicts of the stuck check (<c>[prompts] stuck_detection</c>).</summary>
    public long StuckVerdicts { get; init; }

    /// <summary>Prompts typed into coding agents: by agent profile, then by result (a <see cref="SubmissionConfirmations"/>
    /// value or one of <see cref="AgentSubmissionResults"/>).</summary>
    public ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, long>> AgentSubmissions { get; init; } =
        ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, long>>.Empty;

    /// <summary>All decision errors.</summary>
    public long DecisionErrorTotal => DecisionErrors.Values.Sum();

    /// <summary>All zero.</summary>
    public static BranchCounters Empty { get; } = new();
}
