using System.Globalization;
using TmuxAgent.Host.Config;

namespace TmuxAgent.Host.Cli;

/// <summary>What <c>--check-config</c> prints: every resolved setting.</summary>
public static class ConfigReport
{
    /// <summary>Writes the report.</summary>
    public static void Print(TextWriter w, LoadedConfiguration loaded, RunOptions o)
    {
        var c = loaded.Orchestrator;
        var a = loaded.Agent;
        string F(double d) => d.ToString("0.###", CultureInfo.InvariantCulture);
        w.WriteLine($"orchestrator config: {c.SourcePath}");
        w.WriteLine($"agent config:        {a.SourcePath ?? "(none, defaults)"}");
        w.WriteLine($"event store:         {StoreDisplay(o.Store)}");
        w.WriteLine($"audit log:           {Path.GetFullPath(Audit.AuditSync.DefaultPath)}");
        w.WriteLine();
        w.WriteLine($"poll_interval = {F(c.PollInterval)}");
        w.WriteLine($"cooldown_seconds = {F(c.CooldownSeconds)}");
        w.WriteLine($"max_commands_per_cycle = {c.MaxCommandsPerCycle}");
        w.WriteLine($"history_lines = {c.HistoryLines}");
        w.WriteLine($"session_cooldown_seconds = {F(c.SessionCooldownSeconds)}");
        w.WriteLine($"default_phase = \"{c.DefaultPhase}\"");
        w.WriteLine($"completion_phase = \"{c.CompletionPhase}\"");
        w.WriteLine($"notify_only_on_confirmation = {B(c.NotifyOnlyOnConfirmation)}");
        w.WriteLine($"dry_run = {B(c.DryRun || o.DryRun)}");
        var l = ListenerSettings.From(c, o);
        w.WriteLine($"metrics_port = {l.MetricsPort?.ToString(CultureInfo.InvariantCulture) ?? "(none: no exporter)"}");
        w.WriteLine($"metrics_host = \"{l.MetricsHost}\"");
        w.WriteLine($"stall_timeout_seconds = {F(c.StallTimeoutSeconds)}");
        w.WriteLine($"stall_retries_before_notify = {c.StallRetriesBeforeNotify}");
        w.WriteLine($"failure_alert_threshold = {c.FailureAlertThreshold}");
        w.WriteLine($"command_timeout_seconds = {F(c.CommandTimeoutSeconds)}");
        w.WriteLine($"delegate_to_codex = {B(c.DelegateToCodex)}");
        w.WriteLine($"dashboard = {(l.DashboardPort is { } dp ? $"{l.DashboardHost}:{dp}" : "(off)")}");
        w.WriteLine($"portal = {(l.PortalPort is { } pp ? $"{l.PortalHost}:{pp}" : "(off)")}");
        w.WriteLine($"approval_token_file = {c.ApprovalTokenFile ?? "(none; TMUXAGENT_APPROVAL_TOKEN)"}");
        w.WriteLine($"decision_source = \"{c.DecisionSource}\"");
        var hostId = o.HostId ?? c.HostId;
        w.WriteLine("host_id = " + (hostId is null ? "(default: hostname/pid/random)" : $"\"{hostId}\""));
        w.WriteLine($"lease_ttl_seconds = {F(c.LeaseTtl.TotalSeconds)}{(c.LeaseTtlSeconds is null ? " (default: 3 x poll_interval, 10-300)" : "")}");
        w.WriteLine($"[codex] bin = {c.DecisionCommand.Bin}, extra_args = [{string.Join(", ", c.DecisionCommand.ExtraArgs)}], timeout = {F(c.DecisionCommand.TimeoutSeconds)}, env = [{string.Join(", ", c.DecisionCommand.Env.Keys)}]");
        foreach (var (key, r) in c.Prompts.All()) w.WriteLine($"[{key.Replace(".", "] ", StringComparison.Ordinal)} = {r.FullPath}");
        foreach (var (phase, r) in c.PhasePrompts) w.WriteLine($"[phase_prompts] {phase} = {r.FullPath}");
        w.WriteLine();
        w.WriteLine($"tmux_bin = {a.TmuxBin}; bus_dir = {a.BusDir}; notify = [{string.Join(", ", a.Notify)}]; poll_interval_ms = {a.PollIntervalMs}");
        foreach (var h in a.Hosts)
            w.WriteLine($"host {h.Name}: socket {h.Tmux.Socket}{(h.Ssh is { } s ? $", ssh {s.User}@{s.Host}:{s.Port}" : "")}, session_filters [{string.Join(", ", h.Tmux.SessionFilters)}], capture_lines {h.Tmux.CaptureLines}");
        w.WriteLine();
        w.WriteLine($"{c.Tasks.Count} task(s):");
        foreach (var t in c.Tasks)
        {
            var source = c.UsesPlan(t) ? "plan" : "decision command";
            w.WriteLine($"  {t.Branch} (line {t.Location.Line}): session {t.SessionName}, phases [{string.Join(" → ", t.Phases)}]"
                + (t.DependsOn.Count > 0 ? $", depends on [{string.Join(", ", t.DependsOn)}]" : "") + $", decided by {source}");
        }
        var problems = loaded.Warnings.Count + loaded.MissingFiles.Count;
        w.WriteLine();
        w.WriteLine(problems == 0 ? "configuration OK" : $"configuration OK with {problems} warning(s) (see stderr)");
    }

    private static string B(bool b) => b ? "true" : "false";

    /// <summary>A SQLite path made absolute; a PostgreSQL connection string as its server (no password).</summary>
    private static string StoreDisplay(string store)
    {
        if (Core.Store.EventStores.KindOf(store) != Core.Store.StoreKind.Postgres) return Path.GetFullPath(store.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase) ? store[7..] : store);
        try { return "PostgreSQL " + Core.Store.Postgres.PostgresConnectionString.Describe(Core.Store.Postgres.PostgresConnectionString.Parse(store)); }
        catch (FormatException e) { return "PostgreSQL (malformed: " + e.Message + ")"; }
    }
}
