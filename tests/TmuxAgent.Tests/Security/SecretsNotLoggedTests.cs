using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using TmuxAgent.Config;
using TmuxAgent.Tests.Host;
using TmuxAgent.Tests.Host.Cli;
using TmuxAgent.Tests.Host.Loop;

namespace TmuxAgent.Tests.Security;

/// <summary>A real daemon run at debug level: neither the approval token nor the model command's env values reach any log or file it writes.</summary>
[Category("tmux"), Category("process"), Category("http")]
public class SecretsNotLoggedTests
{
    private const string Token = "tok-4f1d9c7e2b8a6053";
    private const string EnvSecret = "env-secret-93b1c5d7";

    [Test]
    public async Task The_token_and_the_decision_env_values_are_never_logged()
    {
        using var tmux = new TmuxServer();
        using var dir = new TempDir();
        tmux.NewSession("agent-sec-logs");
        var model = dir.Script("model.sh", "cat >/dev/null; echo \"{\\\"summary\\\": \\\"ok $MODEL_KEY\\\" , \\\"commands\\\": []}\" | sed \"s/$MODEL_KEY/redacted/\"");
        dir.File("agent-config.yaml", $"bus_dir: {dir["bus"]}\nhosts:\n  - name: local\n    tmux:\n      socket: {tmux.Socket}\n");
        dir.File("orchestrator.toml", $"poll_interval = 0.5\ndashboard_port = 0\n[codex]\nbin = \"{model}\"\nenv = {{ MODEL_KEY = \"{EnvSecret}\" }}\n[[tasks]]\nbranch = \"sec/logs\"\nphases = [\"planning\", \"done\"]\n");
        var port = LoopbackPort.Free();
        Environment.SetEnvironmentVariable("TMUXAGENT_APPROVAL_TOKEN", Token);
        HostProcess host;
        try
        {
            host = new HostProcess(dir.Path, "--config", dir["agent-config.yaml"], "--orchestrator-config", dir["orchestrator.toml"],
                "--store", dir[".tmuxagent/events.db"], "--portal-port", port.ToString(), "--log-level", "debug");
        }
        finally { Environment.SetEnvironmentVariable("TMUXAGENT_APPROVAL_TOKEN", null); }
        using (host)
        {
            var audit = dir[".tmuxagent/logs/orchestrator-actions.jsonl"];
            (await TmuxServer.WaitFor(() => File.Exists(audit) && File.ReadAllText(audit).Contains("ok redacted"), 30)).Should().BeTrue(host.StdErr + host.StdOut);
            using var http = new HttpClient();
            foreach (var presented in new[] { Token, Token + "x", "" })
            {
                using var post = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{port}/api/confirmations")
                    { Content = new StringContent("{\"branch\":\"sec/logs\",\"id\":\"cmd-none\",\"action\":\"approve\"}", System.Text.Encoding.UTF8, "application/json") };
                post.Headers.Authorization = new AuthenticationHeaderValue("Bearer", presented + "");
                using var answer = await http.SendAsync(post);
                answer.StatusCode.Should().BeOneOf(presented == Token ? [HttpStatusCode.NotFound, HttpStatusCode.Conflict] : [HttpStatusCode.Unauthorized]);
            }
            using (var term = Process.Start("kill", ["-TERM", host.Pid.ToString()])) term.WaitForExit();
            host.WaitForExit(20).Should().Be(0);

            var written = host.StdOut + host.StdErr + string.Concat(Directory.EnumerateFiles(dir.Path, "*", SearchOption.AllDirectories)
                .Where(f => !f.EndsWith(".toml", StringComparison.Ordinal) && !f.EndsWith(".db", StringComparison.Ordinal) && !f.Contains(".db-"))
                .Select(File.ReadAllText));
            written.Should().Contain("sec/logs", "the logs were read").And.NotContain(Token).And.NotContain(EnvSecret);
        }
    }

    [Test]
    public void Listeners_default_to_metrics_on_all_interfaces_and_dashboard_and_portal_on_loopback()
    {
        var config = OrchestratorConfigLoader.Parse("", "orchestrator.toml", "/tmp/orchestrator.toml").Config;
        config.MetricsHost.Should().Be("0.0.0.0", "as the original guide (Prometheus scrapes it)");
        config.DashboardHost.Should().Be("127.0.0.1");
        config.PortalHost.Should().Be("127.0.0.1");
    }
}
