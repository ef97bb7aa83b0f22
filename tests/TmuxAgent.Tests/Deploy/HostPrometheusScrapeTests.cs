using System.Globalization;
using System.Net;
using System.Net.Sockets;
using TmuxAgent.Tests.Host.Cli;
using TmuxAgent.Tests.Host.Loop;

namespace TmuxAgent.Tests.Deploy;

/// <summary>
/// A real Prometheus with the shipped prometheus.yml scraping a real running host: its exporter
/// (<c>--metrics-port</c>) and the dashboard's <c>/metrics</c>, over real tmux panes and a decision command that
/// answers one branch and prints garbage for the other.
/// </summary>
[Category("prometheus"), Category("tmux"), Category("process"), System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
[NonParallelizable]
public class HostPrometheusScrapeTests
{
    private string _dir = null!;
    private TmuxServer _tmux = null!;
    private HostProcess _host = null!;
    private PrometheusServer _prometheus = null!;

    [OneTimeSetUp]
    public async Task StartHostAndPrometheus()
    {
        _dir = Directory.CreateTempSubdirectory("tmuxagent-prom-host-").FullName;
        _tmux = new TmuxServer();
        _tmux.NewSession("agent-demo-alpha");
        _tmux.NewSession("agent-demo-gamma");
        int metrics = LoopbackPort.Free(), dashboard = LoopbackPort.Free(), portal = LoopbackPort.Free();
        var decider = Path.Combine(_dir, "decide.sh");
        File.WriteAllText(decider, """
            #!/bin/sh
            in=$(cat)
            case "$in" in
              *BRANCH=demo/gamma*) echo 'this is not json {' ;;
              *) echo '{"summary": "go", "commands": [{"text": "echo scraped-$((2*3))", "enter": true}]}' ;;
            esac
            """);
        File.SetUnixFileMode(decider, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Directory.CreateDirectory(Path.Combine(_dir, ".tmuxagent"));
        File.WriteAllText(Path.Combine(_dir, ".tmuxagent", "prompt.md"), "BRANCH={branch}\n");
        File.WriteAllText(Path.Combine(_dir, "agent-config.yaml"), $"""
            bus_dir: {_dir}/bus
            hosts:
              - name: local
                tmux:
                  socket: {_tmux.Socket}
            """);
        File.WriteAllText(Path.Combine(_dir, ".tmuxagent", "orchestrator.toml"), $"""
            poll_interval = 1
            cooldown_seconds = 600
            session_cooldown_seconds = 0
            metrics_host = "127.0.0.1"
            dashboard_port = {dashboard}
            portal_port = {portal}
            [codex]
            bin = "{decider}"
            timeout = 10
            [prompts]
            command = "prompt.md"
            [[tasks]]
            branch = "demo/alpha"
            phases = ["planning", "done"]
            [[tasks]]
            branch = "demo/gamma"
            phases = ["planning", "done"]
            """);
        _host = new HostProcess(_dir, "--config", "agent-config.yaml", "--metrics-port", metrics.ToString(CultureInfo.InvariantCulture));
        _prometheus = await PrometheusServer.StartAsync(new Dictionary<string, string>
        {
            [PrometheusServer.OrchestratorJob] = $"127.0.0.1:{metrics}",
            [PrometheusServer.DashboardJob] = $"127.0.0.1:{dashboard}",
        });
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_prometheus is not null) await _prometheus.DisposeAsync();
        _host?.Dispose();
        _tmux?.Dispose();
        if (_dir is not null) Directory.Delete(_dir, recursive: true);
    }

    [Test]
    public async Task Prometheus_scrapes_the_host_exporter_and_the_dashboard()
    {
        foreach (var job in new[] { PrometheusServer.OrchestratorJob, PrometheusServer.DashboardJob })
            (await _prometheus.WaitForAsync($"up{{job=\"{job}\"}} == 1")).GetArrayLength().Should().Be(1, $"{job}: {_host.StdErr}");
    }

    [Test]
    public async Task The_hosts_series_arrive_with_what_happened_in_the_panes()
    {
        (await _prometheus.WaitForAsync($"orchestrator_commands_total{{job=\"{PrometheusServer.OrchestratorJob}\",result=\"dispatched\"}} >= 1"))
            .GetArrayLength().Should().Be(1, _host.StdErr);
        (await _prometheus.WaitForAsync("orchestrator_json_parse_failures_total{branch=\"demo/gamma\",kind=\"json_parse_error\"} >= 1"))
            .GetArrayLength().Should().BePositive();
        (await _prometheus.WaitForAsync("orchestrator_decision_errors_total{branch=\"demo/alpha\"} == 0"))
            .GetArrayLength().Should().BePositive("a branch without errors is exported at 0 so increase() sees its first one");
        (await _prometheus.WaitForAsync("time() - orchestrator_heartbeat_timestamp_seconds{branch=\"demo/alpha\"} < 60"))
            .GetArrayLength().Should().BePositive("a running host keeps its heartbeat fresh");
        _tmux.Capture("agent-demo-alpha").Should().Contain("scraped-6");
    }
}
