using TmuxAgent.Core.Policy;

namespace TmuxAgent.Host.Plan.Scenarios;

/// <summary>Reads a <c>policy:</c> mapping: the orchestrator.toml keys <c>Decide</c> uses, with the same checks.</summary>
internal static class PolicyOverridesReader
{
    public const string Keys = "poll_interval, cooldown_seconds, max_commands_per_cycle, session_cooldown_seconds, default_phase, "
        + "completion_phase, dry_run, stall_timeout_seconds, stall_retries_before_notify, failure_alert_threshold, max_backoff_seconds, high_risk_levels, quiet_record_seconds";

    public static PolicyOverrides Read(YamlMap? map)
    {
        if (map is null) return PolicyOverrides.None;
        var values = new List<(string, Func<OrchestratorPolicy, OrchestratorPolicy>)>();
        void Add(string key, Func<OrchestratorPolicy, OrchestratorPolicy> set) => values.Add((key, set));

        if (Number(map, "poll_interval", min: 0, exclusive: true) is { } poll) Add("poll_interval", p => p with { PollIntervalSeconds = poll });
        if (Number(map, "cooldown_seconds", 0) is { } cd) Add("cooldown_seconds", p => p with { CooldownSeconds = cd });
        if (Int(map, "max_commands_per_cycle", 1) is { } max) Add("max_commands_per_cycle", p => p with { MaxCommandsPerCycle = max });
        if (Number(map, "session_cooldown_seconds", 0) is { } scd) Add("session_cooldown_seconds", p => p with { SessionCooldownSeconds = scd });
        if (map.String("default_phase") is { } dp) Add("default_phase", p => p with { DefaultPhase = dp });
        if (map.String("completion_phase") is { } cp) Add("completion_phase", p => p with { CompletionPhase = cp });
        if (map.Bool("dry_run") is { } dry) Add("dry_run", p => p with { DryRun = dry });
        if (Number(map, "stall_timeout_seconds", 0) is { } st) Add("stall_timeout_seconds", p => p with { StallTimeoutSeconds = st });
        if (Int(map, "stall_retries_before_notify", 0) is { } sr) Add("stall_retries_before_notify", p => p with { StallRetriesBeforeNotify = sr });
        if (Int(map, "failure_alert_threshold", 0) is { } fa) Add("failure_alert_threshold", p => p with { FailureAlertThreshold = fa });
        if (Number(map, "max_backoff_seconds", 0, exclusive: true) is { } mb) Add("max_backoff_seconds", p => p with { MaxBackoffSeconds = mb });
        if (Number(map, "quiet_record_seconds", 0) is { } qr) Add("quiet_record_seconds", p => p with { QuietRecordSeconds = qr });
        if (map.Strings("high_risk_levels") is { } hr)
            Add("high_risk_levels", p => p with { HighRiskLevels = new HashSet<string>(hr, StringComparer.OrdinalIgnoreCase) });
        map.RejectUnknownKeys("one of " + Keys);
        return new PolicyOverrides(values);
    }

    private static double? Number(YamlMap map, string key, double min, bool exclusive = false)
    {
        var v = map.Number(key);
        if (v is null || v > min || (!exclusive && v == min)) return v;
        map.Error(key, map.Get(key)!, $"expected a number {(exclusive ? ">" : ">=")} {min}, got {v}");
        return null;
    }

    private static int? Int(YamlMap map, string key, int min)
    {
        var v = map.Int(key);
        if (v is null || v >= min) return v;
        map.Error(key, map.Get(key)!, $"expected an integer >= {min}, got {v}");
        return null;
    }
}
