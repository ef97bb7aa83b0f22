namespace TmuxAgent.Host.Metrics;

/// <summary>
/// The exported metric names: a contract with existing alert rules and dashboards (FORMATS.md), never renamed.
/// </summary>
public static class MetricNames
{
    /// <summary>Counter <c>{result="dispatched|queued|dry_run"}</c>: commands by what happened to them.</summary>
    public const string CommandsTotal = "orchestrator_commands_total";
    /// <summary>Gauge <c>{branch}</c>: commands waiting in the branch's queue.</summary>
    public const string QueueSize = "orchestrator_queue_size";
    /// <summary>Gauge <c>{branch}</c> (despite the name): commands waiting for a human's approval.</summary>
    public const string PendingConfirmation = "orchestrator_pending_confirmation_total";
    /// <summary>Histogram: seconds the decision source took to answer.</summary>
    public const string DecisionLatency = "orchestrator_decision_latency_seconds";
    /// <summary>Counter <c>{branch}</c>: every failed decision, whatever the kind.</summary>
    public const string DecisionErrors = "orchestrator_decision_errors_total";
    /// <summary>Counter <c>{branch,kind}</c>: decision output that was empty, not JSON or not an object of the right shape.</summary>
    public const string JsonParseFailures = "orchestrator_json_parse_failures_total";
    /// <summary>Counter <c>{branch}</c>: decision output that was not valid UTF-8.</summary>
    public const string Utf8DecodeErrors = "orchestrator_utf8_decode_errors_total";
    /// <summary>Counter <c>{branch}</c>: commands that completed with exit status 0.</summary>
    public const string CommandSuccess = "orchestrator_command_success_total";
    /// <summary>Counter <c>{branch}</c>: commands that exited non-zero or could not be delivered.</summary>
    public const string CommandFailures = "orchestrator_command_failures_total";
    /// <summary>Gauge <c>{branch}</c>: Unix time of the branch's last completed cycle.</summary>
    public const string HeartbeatTimestamp = "orchestrator_heartbeat_timestamp_seconds";

    /// <summary>Counter (this project's addition): reads or appends the event store refused.</summary>
    public const string StoreErrors = "orchestrator_store_errors_total";
    /// <summary>Gauge (this project's addition): 1 while the event store works, 0 after a refused read or append until one succeeds.</summary>
    public const string StoreHealthy = "orchestrator_store_healthy";
    /// <summary>Counter (this project's addition): syncs of the JSONL audit log that could not write it.</summary>
    public const string AuditLogErrors = "orchestrator_audit_log_errors_total";
    /// <summary>Gauge (this project's addition): 1 while the audit log is written, 0 after a failed write until one succeeds.</summary>
    public const string AuditLogHealthy = "orchestrator_audit_log_healthy";

    /// <summary>Counter <c>{branch}</c> (this project's addition): commands held for approval because their risk label was unknown.</summary>
    public const string UnknownRiskLevels = "orchestrator_unknown_risk_levels_total";
    /// <summary>Counter (this project's addition): requests to the approval portal with a wrong token.</summary>
    public const string PortalAuthFailures = "orchestrator_portal_auth_failures_total";
    /// <summary>Counter <c>{branch,agent,result}</c> (this project's addition): prompts typed into coding agents, by
    /// result (<c>busy_line</c>, <c>reply_started</c>, <c>keys_sent</c>, <c>not_submitted</c>, <c>not_typed</c>).</summary>
    public const string AgentSubmissions = "orchestrator_agent_submissions_total";
    /// <summary>Gauge <c>{branch}</c> (this project's addition): 1 while the last stuck check (<c>[prompts] stuck_detection</c>)
    /// said the branch's agent is stuck, 0 after one that said it is not.</summary>
    public const string AgentStuck = "orchestrator_agent_stuck";
    /// <summary>Counter <c>{branch}</c> (this project's addition): stuck verdicts of the stuck check.</summary>
    public const string AgentStuckTotal = "orchestrator_agent_stuck_total";

    /// <summary>Every exported name of the original (the contract); <see cref="Additions"/> come on top.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        CommandsTotal, QueueSize, PendingConfirmation, DecisionLatency, DecisionErrors,
        JsonParseFailures, Utf8DecodeErrors, CommandSuccess, CommandFailures, HeartbeatTimestamp,
    ];

    /// <summary>This project's names on top of <see cref="All"/>: store and audit-log health, unknown risk labels, wrong portal
    /// tokens, agent submissions, stuck agents.</summary>
    public static readonly IReadOnlyList<string> Additions = [StoreErrors, StoreHealthy, AuditLogErrors, AuditLogHealthy, UnknownRiskLevels,
        PortalAuthFailures, AgentSubmissions, AgentStuck, AgentStuckTotal];

    /// <summary>Buckets of <see cref="DecisionLatency"/> (plus +Inf), as the original's.</summary>
    public static readonly IReadOnlyList<double> DecisionLatencyBuckets = [0.5, 1, 2, 5, 10, 20, 30, 60];
}

/// <summary>Values of the <c>result</c> label of <see cref="MetricNames.CommandsTotal"/>.</summary>
public static class CommandResults
{
    /// <summary>Typed into the pane.</summary>
    public const string Dispatched = "dispatched";
    /// <summary>Put in the branch's queue (pane busy, cooling down, behind others, approved).</summary>
    public const string Queued = "queued";
    /// <summary>Only recorded (dry-run).</summary>
    public const string DryRun = "dry_run";

    /// <summary>All results; each is exported from the start (at 0).</summary>
    public static readonly IReadOnlyList<string> All = [Dispatched, Queued, DryRun];
}
