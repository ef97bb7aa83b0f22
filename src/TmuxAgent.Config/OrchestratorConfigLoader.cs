namespace TmuxAgent.Config;

/// <summary>Reads <c>orchestrator.toml</c>: every key of the original, the additions, positions for every finding.</summary>
public static class OrchestratorConfigLoader
{
    /// <summary>Loads <paramref name="path"/>.</summary>
    /// <exception cref="ConfigException">Missing file, syntax error or wrong types (each naming file, line, column and key).</exception>
    public static ConfigLoad<OrchestratorConfig> Load(string path)
    {
        var full = Path.GetFullPath(ConfigPaths.ExpandHome(path));
        if (!File.Exists(full)) throw ConfigException.At(new SourceLocation(path, 0, 0), "", "file not found");
        return Parse(File.ReadAllText(full), path, full);
    }

    /// <summary>Parses TOML <paramref name="text"/> as if read from <paramref name="fullPath"/>.</summary>
    public static ConfigLoad<OrchestratorConfig> Parse(string text, string displayPath, string fullPath)
    {
        var findings = new List<ConfigDiagnostic>();
        var root = new TomlSection(TomlTree.Parse(text, displayPath), "", findings);
        var baseDir = Path.GetDirectoryName(fullPath)!;
        var d = new OrchestratorConfig { SourcePath = fullPath, DisplayPath = displayPath };
        var config = d with
        {
            PollInterval = Positive(root, "poll_interval", d.PollInterval),
            CooldownSeconds = NonNegative(root, "cooldown_seconds", d.CooldownSeconds),
            MaxCommandsPerCycle = PositiveInt(root, "max_commands_per_cycle", d.MaxCommandsPerCycle),
            HistoryLines = PositiveInt(root, "history_lines", d.HistoryLines),
            SessionCooldownSeconds = NonNegative(root, "session_cooldown_seconds", d.SessionCooldownSeconds),
            DefaultPhase = root.String("default_phase", d.DefaultPhase),
            CompletionPhase = root.String("completion_phase", d.CompletionPhase),
            NotifyOnlyOnConfirmation = root.Bool("notify_only_on_confirmation", d.NotifyOnlyOnConfirmation),
            DryRun = root.Bool("dry_run", d.DryRun),
            MetricsPort = Port(root, "metrics_port"),
            MetricsHost = root.String("metrics_host", d.MetricsHost),
            StallTimeoutSeconds = NonNegative(root, "stall_timeout_seconds", d.StallTimeoutSeconds),
            StallRetriesBeforeNotify = root.Int("stall_retries_before_notify", d.StallRetriesBeforeNotify),
            FailureAlertThreshold = root.Int("failure_alert_threshold", d.FailureAlertThreshold),
            CommandTimeoutSeconds = NonNegative(root, "command_timeout_seconds", d.CommandTimeoutSeconds),
            DelegateToCodex = root.Bool("delegate_to_codex", d.DelegateToCodex),
            DashboardPort = Port(root, "dashboard_port"),
            DashboardHost = root.String("dashboard_host", d.DashboardHost),
            DashboardShowPanes = root.Bool("dashboard_show_panes", d.DashboardShowPanes),
            PortalPort = Port(root, "portal_port"),
            PortalHost = root.String("portal_host", d.PortalHost),
            PublicHosts = WebAccessReader.PublicHosts(root, "public_hosts"),
            CorsOrigins = WebAccessReader.CorsOrigins(root, "cors_origins"),
            ApprovalTokenFile = root.OptionalString("approval_token_file") is { } tf ? ConfigPaths.Resolve(tf, baseDir) : null,
            DecisionSource = OneOf(root, "decision_source", d.DecisionSource, [DecisionSources.Auto, DecisionSources.Command, DecisionSources.Plan]),
            MaxBackoffSeconds = Positive(root, "max_backoff_seconds", d.MaxBackoffSeconds),
            QuietRecordSeconds = NonNegative(root, "quiet_record_seconds", d.QuietRecordSeconds),
            HighRiskLevels = root.Has("high_risk_levels") ? root.StringList("high_risk_levels") : d.HighRiskLevels,
            Store = root.OptionalString("store") is { } st ? NonBlank(root, "store", st) : null,
            HostId = root.OptionalString("host_id") is { } hid ? NonBlank(root, "host_id", hid) : null,
            LeaseTtlSeconds = root.Has("lease_ttl_seconds") ? Positive(root, "lease_ttl_seconds", 1.0) : null,
            Risk = RiskConfigReader.Read(root.Section("risk")),
            DecisionCommand = ReadDecisionCommand(root.Section("codex")),
            Prompts = ReadPrompts(root.Section("prompts"), baseDir),
            PhasePrompts = ReadPhasePrompts(root.Section("phase_prompts"), baseDir),
            Agents = AgentProfileReader.ReadAll(root.Section("agents")),
        };
        config = config with { Tasks = TaskConfigReader.ReadAll(root.Sections("tasks"), config) };
        root.WarnUnknownKeys();
        WarnIgnored(root);

        var errors = findings.Where(f => f.IsError).ToList();
        var warnings = findings.Where(f => !f.IsError).ToList();
        if (errors.Count > 0) throw new ConfigException(errors, warnings);
        return new ConfigLoad<OrchestratorConfig>(config, warnings, ReferencedFiles.Missing(config));
    }

    /// <summary>Reports each <see cref="IgnoredKeys.Orchestrator"/> key present, where it is written.</summary>
    private static void WarnIgnored(TomlSection root)
    {
        foreach (var (key, why) in IgnoredKeys.Orchestrator)
        {
            var dot = key.IndexOf('.', StringComparison.Ordinal);
            var section = dot < 0 ? root : root.Table[key[..dot]]?.Value is TomlTableNode t ? root.Child(t, key[..dot]) : null;
            var name = dot < 0 ? key : key[(dot + 1)..];
            if (section?.Has(name) == true) section.Warning(name, section.LocationOf(name), IgnoredKeys.Message(why));
        }
    }

    private static DecisionCommandConfig ReadDecisionCommand(TomlSection? s)
    {
        var d = new DecisionCommandConfig();
        if (s is null) return d;
        var result = d with
        {
            Bin = ConfigPaths.ExpandHome(s.String("bin", d.Bin)),
            BinLocation = s.LocationOf("bin"),
            ExtraArgs = s.StringList("extra_args"),
            TimeoutSeconds = Positive(s, "timeout", d.TimeoutSeconds),
            Env = s.StringMap("env"),
        };
        s.WarnUnknownKeys();
        return result;
    }

    private static PromptsConfig ReadPrompts(TomlSection? s, string baseDir)
    {
        if (s is null) return new PromptsConfig();
        var result = new PromptsConfig
        {
            Command = FileRef(s, "command", baseDir),
            Summary = FileRef(s, "summary", baseDir),
            Delegate = FileRef(s, "delegate", baseDir),
            StuckDetection = FileRef(s, "stuck_detection", baseDir),
        };
        s.WarnUnknownKeys();
        return result;
    }

    private static Dictionary<string, FileReference> ReadPhasePrompts(TomlSection? s, string baseDir)
    {
        var result = new Dictionary<string, FileReference>(StringComparer.Ordinal);
        if (s is null) return result;
        foreach (var (phase, _) in s.Table.Entries.ToList())
            if (FileRef(s, phase, baseDir) is { } r) result[phase] = r;
        return result;
    }

    private static FileReference? FileRef(TomlSection s, string key, string baseDir) =>
        s.OptionalString(key) is { Length: > 0 } p ? new FileReference(p, ConfigPaths.Resolve(p, baseDir), s.LocationOf(key)) : null;

    private static double Positive(TomlSection s, string key, double fallback)
    {
        var v = s.Float(key, fallback);
        if (v > 0) return v;
        s.Error(key, s.LocationOf(key), $"expected a number > 0, got {v}");
        return fallback;
    }

    private static double NonNegative(TomlSection s, string key, double fallback)
    {
        var v = s.Float(key, fallback);
        if (v >= 0) return v;
        s.Error(key, s.LocationOf(key), $"expected a number >= 0, got {v}");
        return fallback;
    }

    private static string? NonBlank(TomlSection s, string key, string value)
    {
        if (!string.IsNullOrWhiteSpace(value)) return value.Trim();
        s.Error(key, s.LocationOf(key), "expected a non-empty string");
        return null;
    }

    private static int PositiveInt(TomlSection s, string key, int fallback)
    {
        var v = s.Int(key, fallback);
        if (v > 0) return v;
        s.Error(key, s.LocationOf(key), $"expected an integer > 0, got {v}");
        return fallback;
    }

    private static int? Port(TomlSection s, string key)
    {
        var v = s.OptionalInt(key);
        if (v is null or (>= 0 and <= 65535)) return v;
        s.Error(key, s.LocationOf(key), $"expected a port number (0-65535), got {v}");
        return null;
    }

    internal static string OneOf(TomlSection s, string key, string fallback, string[] allowed)
    {
        var v = s.String(key, fallback);
        if (allowed.Contains(v)) return v;
        s.Error(key, s.LocationOf(key), $"expected one of {string.Join(", ", allowed.Select(a => '"' + a + '"'))}, got \"{v}\"");
        return fallback;
    }
}
