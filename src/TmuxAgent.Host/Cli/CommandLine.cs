using System.CommandLine;
using Microsoft.Extensions.Logging;
using TmuxAgent.Host.Store;

namespace TmuxAgent.Host.Cli;

/// <summary>The command-line grammar: the original's flags plus <c>--once</c>, <c>--check-config</c>, <c>--store</c> and <c>demo</c>.</summary>
public static class CommandLine
{
    /// <summary>Parses and runs; usage errors exit 2.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var config = new Option<string?>("--config") { Description = "agent-config.yaml (hosts, tmux sockets, LocalBus folder)" };
        var orchestratorConfig = new Option<string>("--orchestrator-config")
        {
            Description = "orchestrator.toml (policy, decision command, tasks)", DefaultValueFactory = _ => ".tmuxagent/orchestrator.toml",
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "record commands in the audit log only: no LocalBus, no pane touched" };
        var metricsPort = new Option<int?>("--metrics-port") { Description = "Prometheus exporter port (overrides metrics_port)" };
        var metricsHost = new Option<string?>("--metrics-host") { Description = "Prometheus exporter address (overrides metrics_host)" };
        var dashboardPort = new Option<int?>("--dashboard-port") { Description = "dashboard port (overrides dashboard_port; default 8702, 0: off)" };
        var portalPort = new Option<int?>("--portal-port") { Description = "phone approval portal port (overrides portal_port; default 8787, 0: off)" };
        dashboardPort.Validators.Add(r => PortInRange(r, dashboardPort));
        portalPort.Validators.Add(r => PortInRange(r, portalPort));
        var logLevel = new Option<string>("--log-level") { Description = "debug, info, warning or error", DefaultValueFactory = _ => "info", Recursive = true };
        logLevel.AcceptOnlyFromAmong("trace", "debug", "info", "information", "warning", "warn", "error", "critical");
        var once = new Option<bool>("--once") { Description = "run one cycle for every branch, then exit (no listeners)" };
        var checkConfig = new Option<bool>("--check-config") { Description = "load and validate both files, print the resolved settings, exit" };
        var store = new Option<string>("--store")
        {
            Description = "event store: a SQLite file path, or a PostgreSQL connection string (postgres://…) shared by several hosts",
            DefaultValueFactory = _ => StoreFactory.DefaultPath,
        };
        var hostId = new Option<string?>("--host-id") { Description = "this host's owner id in branch leases (overrides host_id; default hostname/pid/random)" };
        hostId.Validators.Add(r => { if (r.GetValueOrDefault<string?>() is { } v && string.IsNullOrWhiteSpace(v)) r.AddError("--host-id: expected a non-empty id"); });

        var root = new RootCommand("tmux-agent-orchestrator: drives AI coding agents in tmux panes, one branch per agent")
        {
            config, orchestratorConfig, dryRun, metricsPort, metricsHost, dashboardPort, portalPort, logLevel, once, checkConfig, store, hostId,
        };
        RunOptions Options(ParseResult p) => new(p.GetValue(config), p.GetValue(orchestratorConfig)!, p.GetValue(dryRun),
            p.GetValue(metricsPort), p.GetValue(metricsHost), ParseLevel(p.GetValue(logLevel)!), p.GetValue(once), p.GetValue(checkConfig), p.GetValue(store)!,
            p.GetValue(dashboardPort), p.GetValue(portalPort), p.GetValue(hostId)?.Trim(),
            StoreGiven: p.GetResult(store) is { Implicit: false });
        root.SetAction((p, ct) => RunCommand.RunAsync(Options(p), ct));

        var demo = new Command("demo", "start a private tmux server with demo panes and run the orchestrator on them until Ctrl-C");
        demo.SetAction((p, ct) => Demo.DemoCommand.RunAsync(ParseLevel(p.GetValue(logLevel)!), ct));
        root.Subcommands.Add(demo);
        root.Subcommands.Add(Plan.PlanCommands.Create());
        root.Subcommands.Add(Store.RebuildStoreCommand.Create());
        root.Subcommands.Add(Store.CompactStoreCommand.Create());

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors) await Console.Error.WriteLineAsync("tmux-agent-orchestrator: " + e.Message);
            await Console.Error.WriteLineAsync("Run 'tmux-agent-orchestrator --help' for usage.");
            return ExitCodes.BadConfig;
        }
        return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
    }

    private static void PortInRange(System.CommandLine.Parsing.OptionResult r, Option<int?> option)
    {
        if (r.GetValueOrDefault<int?>() is { } p and (< 0 or > 65535)) r.AddError($"{option.Name}: expected a port number (0-65535), got {p}");
    }

    /// <summary>The log level named on the command line.</summary>
    public static LogLevel ParseLevel(string name) => name.ToLowerInvariant() switch
    {
        "trace" => LogLevel.Trace, "debug" => LogLevel.Debug, "warning" or "warn" => LogLevel.Warning,
        "error" => LogLevel.Error, "critical" => LogLevel.Critical, _ => LogLevel.Information,
    };
}
