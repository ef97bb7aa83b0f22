using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using TmuxAgent.Tests.Host;
using TmuxAgent.Tests.Host.Cli;
using TmuxAgent.Tests.Host.Loop;

namespace TmuxAgent.Tests.Web;

/// <summary>The built daemon as a child process: ports from the command line, token from a 0600 file, never logged.</summary>
[Category("http")]
[Category("tmux")]
[Category("process")]
public class DaemonProcessTests
{
    [Test]
    public async Task The_daemon_serves_both_ports_from_the_command_line_approves_with_the_file_token_and_never_logs_it()
    {
        using var tmux = new TmuxServer();
        using var dir = new TempDir();
        var token = "file-token-" + Guid.NewGuid().ToString("N");
        var marker = "proc-" + Guid.NewGuid().ToString("N")[..6];
        tmux.NewSession("agent-demo-beta");
        dir.Script("decide.sh", $"cat >/dev/null\necho '{{\"summary\": \"risky\", \"commands\": [{{\"text\": \"echo {marker}-$((6*7))\", \"risk_level\": \"high\"}}], \"requires_confirmation\": true}}'");
        var tokenFile = dir.File("secret/token", token + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(tokenFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        dir.File("agent-config.yaml", $"bus_dir: {dir["bus"]}\nhosts:\n  - name: local\n    tmux:\n      socket: {tmux.Socket}\n      session_filters: [\"^agent-\"]\n");
        dir.File(".tmuxagent/orchestrator.toml", $"poll_interval = 1.0\ncooldown_seconds = 0\nsession_cooldown_seconds = 0\ncommand_timeout_seconds = 0\n" +
            $"dashboard_port = 1\nportal_port = 1\napproval_token_file = \"{tokenFile}\"\n[codex]\nbin = \"{dir["decide.sh"]}\"\n" +
            "[[tasks]]\nbranch = \"demo/beta\"\nphases = [\"planning\", \"done\"]\n");
        int dashboard = LoopbackPort.Free(), portal = LoopbackPort.Free();
        using var daemon = new HostProcess(dir.Path, "--config", "agent-config.yaml", "--orchestrator-config", ".tmuxagent/orchestrator.toml",
            "--store", dir["state/events.db"], "--dashboard-port", dashboard.ToString(), "--portal-port", portal.ToString(), "--log-level", "debug");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

        var id = await DashboardPoll.FirstPendingIdAsync(http, dashboard);
        id.Should().NotBeNull(daemon.StdErr);

        var body = $"{{\"branch\": \"demo/beta\", \"id\": \"{id}\", \"action\": \"approve\"}}";
        (await Post(http, portal, body, token + "-wrong")).Should().Be(HttpStatusCode.Unauthorized);
        (await Post(http, portal, body, token)).Should().Be(HttpStatusCode.OK);
        (await TmuxServer.WaitFor(() => tmux.Capture("agent-demo-beta").Contains($"\n{marker}-42"), 15)).Should().BeTrue(daemon.StdErr);

        using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", daemon.Pid.ToString()])) kill.WaitForExit();
        daemon.WaitForExit(10).Should().Be(0);
        daemon.StdErr.Should().Contain($"dashboard listening on http://127.0.0.1:{dashboard}").And.Contain($"portal listening on http://127.0.0.1:{portal}");
        daemon.StdErr.Should().Contain("portal: portal approve demo/beta").And.NotContain(token, "the token is never logged");
        daemon.StdOut.Should().NotContain(token);
        File.ReadAllText(dir[".tmuxagent/logs/orchestrator-actions.jsonl"]).Should().Contain("\"event\":\"confirmation\"").And.NotContain(token);
    }

    private static async Task<HttpStatusCode> Post(HttpClient http, int port, string json, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{port}/api/confirmations")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var r = await http.SendAsync(request);
        return r.StatusCode;
    }
}
