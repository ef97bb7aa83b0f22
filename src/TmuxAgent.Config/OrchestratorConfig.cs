using TmuxAgent.Core.Policy;

namespace TmuxAgent.Config;

/// <summary>
/// <c>.tmuxagent/orchestrator.toml</c>, every key of the original plus this project's additions (see docs/configuration.md).
/// Paths are resolved (prompt paths relative to the file, <c>~</c> expanded).
/// </summary>
public sealed record OrchestratorConfig
{
    /// <summary>The defaults of the keys the policy holds, written once (<see cref="OrchestratorPolicy"/>).</summary>
    private static OrchestratorPolicy Defaults => OrchestratorPolicy.Default;

    /// <summary>Absolute path of the file.</summary>
    public required string SourcePath { get; init; }
    /// <summary>The path as given (used in messages).</summary>
    public required string DisplayPath { get; init; }

    /// <summary><c>poll_interval</c>: seconds between cycles.</summary>
    public double PollInterval { get; init; } = Defaults.PollIntervalSeconds;
    /// <summary><c>cooldown_seconds</c>.</summary>
    public double CooldownSeconds { get; init; } = Defaults.CooldownSeconds;
    /// <summary><c>max_commands_per_cycle</c>.</summary>
    public int MaxCommandsPerCycle { get; init; } = Defaults.MaxCommandsPerCycle;
    /// <summary><c>history_lines</c>: pane lines put into the prompt.</summary>
    public int HistoryLines { get; init; } = 400;
    /// <summary><c>session_cooldown_seconds</c>.</summary>
    public double SessionCooldownSeconds { get; init; } = Defaults.SessionCooldownSeconds;
    /// <summary><c>default_phase</c>.</summary>
    public string DefaultPhase { get; init; } = Defaults.DefaultPhase;
    /// <summary><c>completion_phase</c>.</summary>
    public string CompletionPhase { get; init; } = Defaults.CompletionPhase;
    /// <summary><c>notify_only_on_confirmation</c>: decision <c>notify</c> texts are not forwarded when true.</summary>
    public bool NotifyOnlyOnConfirmation { get; init; } = true;
    /// <summary><c>dry_run</c>.</summary>
    public bool DryRun { get; init; }
    /// <summary><c>metrics_port</c>; null: no exporter.</summary>
    public int? MetricsPort { get; init; }
    /// <summary><c>metrics_host</c>.</summary>
    public string MetricsHost { get; init; } = "0.0.0.0";
    /// <summary><c>stall_timeout_seconds</c>.</summary>
    public double StallTimeoutSeconds { get; init; } = Defaults.StallTimeoutSeconds;
    /// <summary><c>stall_retries_before_notify</c>.</summary>
    public int StallRetriesBeforeNotify { get; init; } = Defaults.StallRetriesBeforeNotify;
    /// <summary><c>failure_alert_threshold</c>.</summary>
    public int FailureAlertThreshold { get; init; } = Defaults.FailureAlertThreshold;
    /// <summary><c>command_timeout_seconds</c>: &gt; 0 wraps shell commands with <c>timeout</c>.</summary>
    public double CommandTimeoutSeconds { get; init; } = 45.0;
    /// <summary><c>delegate_to_codex</c>: the delegate prompt replaces the command prompt, and decided commands are recorded
    /// as delegate suggestions, never typed.</summary>
    public bool DelegateToCodex { get; init; }

    /// <summary><c>dashboard_port</c> (addition); null: not set (the daemon uses 8702), 0: no dashboard.</summary>
    public int? DashboardPort { get; init; }
    /// <summary><c>dashboard_host</c> (addition).</summary>
    public string DashboardHost { get; init; } = "127.0.0.1";
    /// <summary><c>dashboard_show_panes</c> (addition): whether the branch page shows the last lines of the branch's pane
    /// (read-only); false removes the pane section and its API.</summary>
    public bool DashboardShowPanes { get; init; } = true;
    /// <summary><c>portal_port</c> (addition); null: not set (the daemon uses 8787), 0: no approval portal.</summary>
    public int? PortalPort { get; init; }
    /// <summary><c>portal_host</c> (addition); loopback by default — another address needs an approval token.</summary>
    public string PortalHost { get; init; } = "127.0.0.1";
    /// <summary><c>public_hosts</c> (addition): host names (or addresses) the dashboard and the portal answer to besides
    /// loopback names, e.g. the name a reverse proxy passes on; every other <c>Host</c> is refused (DNS rebinding).</summary>
    public IReadOnlyList<string> PublicHosts { get; init; } = [];
    /// <summary><c>cors_origins</c> (addition): origins (<c>scheme://host[:port]</c>, normalised with the port) whose
    /// pages may call the portal's API, besides the dashboard's own loopback origins; none by default.</summary>
    public IReadOnlyList<string> CorsOrigins { get; init; } = [];
    /// <summary><c>approval_token_file</c> (addition), resolved; the token may also come from <c>TMUXAGENT_APPROVAL_TOKEN</c>.</summary>
    public string? ApprovalTokenFile { get; init; }
    /// <summary><c>decision_source</c> (addition): <c>auto</c> (tasks with a plan use it, the rest the decision command), <c>codex</c> or <c>plan</c>.</summary>
    public string DecisionSource { get; init; } = DecisionSources.Auto;
    /// <summary><c>max_backoff_seconds</c> (addition).</summary>
    public double MaxBackoffSeconds { get; init; } = Defaults.MaxBackoffSeconds;
    /// <summary><c>quiet_record_seconds</c> (addition): answers repeating the last no-op answer are recorded as one
    /// event at the latest this long after the first of them.</summary>
    public double QuietRecordSeconds { get; init; } = Defaults.QuietRecordSeconds;
    /// <summary><c>high_risk_levels</c> (addition).</summary>
    public IReadOnlyList<string> HighRiskLevels { get; init; } = OrchestratorPolicy.DefaultHighRiskLevels;

    /// <summary><c>store</c> (addition): the event store, a SQLite path (relative to the working directory, like
    /// <c>--store</c>) or a PostgreSQL connection string; null: <c>--store</c>'s default. <c>--store</c> wins.</summary>
    public string? Store { get; init; }
    /// <summary><c>host_id</c> (addition): this host's owner id in branch leases; null: <c>hostname/pid/random</c>, new at each start.</summary>
    public string? HostId { get; init; }
    /// <summary><c>lease_ttl_seconds</c> (addition); null: <see cref="LeaseTtl"/>'s default.</summary>
    public double? LeaseTtlSeconds { get; init; }

    /// <summary>How long a branch lease lasts unless renewed: <c>lease_ttl_seconds</c>, else 3 × <c>poll_interval</c>
    /// kept within 10 s … 300 s. A dead host's branches are taken over within this plus one poll interval.</summary>
    public TimeSpan LeaseTtl => TimeSpan.FromSeconds(LeaseTtlSeconds ?? Math.Clamp(3 * PollInterval, 10.0, 300.0));

    /// <summary><c>[risk]</c>: the patterns that make a command wait for approval.</summary>
    public RiskConfig Risk { get; init; } = new();
    /// <summary><c>[codex]</c>.</summary>
    public DecisionCommandConfig DecisionCommand { get; init; } = new();
    /// <summary><c>[prompts]</c>.</summary>
    public PromptsConfig Prompts { get; init; } = new();
    /// <summary><c>[phase_prompts]</c>: phase → template.</summary>
    public IReadOnlyDictionary<string, FileReference> PhasePrompts { get; init; } = new Dictionary<string, FileReference>();
    /// <summary><c>[[tasks]]</c> in file order.</summary>
    public IReadOnlyList<TaskConfig> Tasks { get; init; } = [];
    /// <summary><c>[agents.NAME]</c> (addition): agent profiles, new or overriding a built-in one (docs/agents.md).</summary>
    public IReadOnlyList<AgentProfileConfig> Agents { get; init; } = [];

    /// <summary>The values <see cref="Core.Branches.BranchDecider"/> needs.</summary>
    public OrchestratorPolicy ToPolicy(bool forceDryRun = false) => new()
    {
        PollIntervalSeconds = PollInterval, CooldownSeconds = CooldownSeconds, MaxCommandsPerCycle = MaxCommandsPerCycle,
        SessionCooldownSeconds = SessionCooldownSeconds, DefaultPhase = DefaultPhase, CompletionPhase = CompletionPhase,
        DryRun = DryRun || forceDryRun, StallTimeoutSeconds = StallTimeoutSeconds, StallRetriesBeforeNotify = StallRetriesBeforeNotify,
        FailureAlertThreshold = FailureAlertThreshold, MaxBackoffSeconds = MaxBackoffSeconds, DelegateToCodex = DelegateToCodex,
        QuietRecordSeconds = QuietRecordSeconds,
        HighRiskLevels = new HashSet<string>(HighRiskLevels.Select(RiskLevels.Normalise), StringComparer.OrdinalIgnoreCase),
        Risk = Risk.ToPolicy(),
    };

    /// <summary>Whether <paramref name="task"/> is decided by its plan rather than the decision command.</summary>
    public bool UsesPlan(TaskConfig task) => DecisionSource switch
    {
        DecisionSources.Plan => true,
        DecisionSources.Command => false,
        _ => task.Plan.Count > 0,
    };
}

/// <summary>Values of <c>decision_source</c>.</summary>
public static class DecisionSources
{
    /// <summary>Tasks with a <c>plan</c> use it; the others the decision command.</summary>
    public const string Auto = "auto";
    /// <summary>Always the external decision command.</summary>
    public const string Command = "codex";
    /// <summary>Always the built-in plan decider.</summary>
    public const string Plan = "plan";
}

/// <summary><c>[codex]</c>: the external decision command.</summary>
public sealed record DecisionCommandConfig
{
    /// <summary><c>bin</c>, <c>~</c> expanded.</summary>
    public string Bin { get; init; } = "codex";
    /// <summary><c>extra_args</c>.</summary>
    public IReadOnlyList<string> ExtraArgs { get; init; } = [];
    /// <summary><c>timeout</c> in seconds.</summary>
    public double TimeoutSeconds { get; init; } = 120.0;
    /// <summary><c>env</c>: extra environment variables.</summary>
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();
    /// <summary>Where <c>bin</c> was written (for messages).</summary>
    public SourceLocation? BinLocation { get; init; }
}

/// <summary><c>[prompts]</c>: template files, resolved relative to the config file.</summary>
public sealed record PromptsConfig
{
    /// <summary><c>command</c>: the decision prompt (null: the built-in template).</summary>
    public FileReference? Command { get; init; }
    /// <summary><c>summary</c>.</summary>
    public FileReference? Summary { get; init; }
    /// <summary><c>delegate</c>.</summary>
    public FileReference? Delegate { get; init; }
    /// <summary><c>stuck_detection</c>.</summary>
    public FileReference? StuckDetection { get; init; }

    /// <summary>All set references with their keys.</summary>
    public IEnumerable<(string Key, FileReference Ref)> All()
    {
        if (Command is not null) yield return ("prompts.command", Command);
        if (Summary is not null) yield return ("prompts.summary", Summary);
        if (Delegate is not null) yield return ("prompts.delegate", Delegate);
        if (StuckDetection is not null) yield return ("prompts.stuck_detection", StuckDetection);
    }
}

/// <summary>A file named in the configuration: as written, resolved, and where it was written.</summary>
public sealed record FileReference(string Written, string FullPath, SourceLocation Location);
