namespace TmuxAgent.Core.Policy;

/// <summary>
/// The values of <c>.tmuxagent/orchestrator.toml</c> that <see cref="Branches.BranchDecider"/> needs, nothing else.
/// Defaults are the original orchestrator's, and the one place they are written: the configuration's defaults of
/// these keys are read from <see cref="Default"/>.
/// </summary>
public sealed record OrchestratorPolicy
{
    /// <summary>Seconds between cycles (<c>poll_interval</c>); also the base of the decision-error back-off.</summary>
    public double PollIntervalSeconds { get; init; } = 45.0;

    /// <summary>No new decision is requested for a branch within this many seconds of its last dispatch (<c>cooldown_seconds</c>).</summary>
    public double CooldownSeconds { get; init; } = 120.0;

    /// <summary>At most this many commands are taken from one decision (<c>max_commands_per_cycle</c>).</summary>
    public int MaxCommandsPerCycle { get; init; } = 2;

    /// <summary>A queued command waits while the session had a dispatch within this many seconds (<c>session_cooldown_seconds</c>).</summary>
    public double SessionCooldownSeconds { get; init; } = 20.0;

    /// <summary>Phase of a newly planned branch (<c>default_phase</c>).</summary>
    public string DefaultPhase { get; init; } = "planning";

    /// <summary>Phase that marks a branch finished; dependents wait for it (<c>completion_phase</c>).</summary>
    public string CompletionPhase { get; init; } = "done";

    /// <summary>Commands are recorded but never typed (<c>dry_run</c>).</summary>
    public bool DryRun { get; init; }

    /// <summary>A dispatched command without a completion after this many seconds is a stall (<c>stall_timeout_seconds</c>).</summary>
    public double StallTimeoutSeconds { get; init; } = 300.0;

    /// <summary>Stalls detected before a notification is asked for (<c>stall_retries_before_notify</c>).</summary>
    public int StallRetriesBeforeNotify { get; init; } = 2;

    /// <summary>Consecutive decision errors after which a notification is asked for (<c>failure_alert_threshold</c>).</summary>
    public int FailureAlertThreshold { get; init; } = 3;

    /// <summary>Upper bound of the decision-error back-off, in seconds.</summary>
    public double MaxBackoffSeconds { get; init; } = 900.0;

    /// <summary>Answers that repeat the last no-op answer are counted and recorded as one <c>decisions_repeated</c>
    /// event at the latest this many seconds after the first of them (<c>quiet_record_seconds</c>, an addition); 0 records
    /// each as one event.</summary>
    public double QuietRecordSeconds { get; init; } = 900.0;

    /// <summary>Decided commands are recorded as delegate suggestions and never typed (<c>delegate_to_codex</c>).</summary>
    public bool DelegateToCodex { get; init; }

    /// <summary>Risk levels that always need a human's approval.</summary>
    public IReadOnlySet<string> HighRiskLevels { get; init; } = new HashSet<string>(DefaultHighRiskLevels, StringComparer.OrdinalIgnoreCase);

    /// <summary>The default of <see cref="HighRiskLevels"/> (<c>high_risk_levels</c>), in its written order.</summary>
    public static IReadOnlyList<string> DefaultHighRiskLevels { get; } = ["high", "critical"];

    /// <summary>Patterns that make a command wait for approval whatever its risk label (<c>[risk]</c>); the built-in ones by default.</summary>
    public RiskPolicy Risk { get; init; } = RiskPolicy.Default;

    /// <summary>The original's defaults.</summary>
    public static OrchestratorPolicy Default { get; } = new();
}
