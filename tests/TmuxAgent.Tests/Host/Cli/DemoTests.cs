using System.Text.RegularExpressions;
using TmuxAgent.Tests.Host.Loop;

namespace TmuxAgent.Tests.Host.Cli;

[Category("tmux"), Category("process"), System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class DemoTests
{
    [Test]
    public async Task The_demo_runs_the_plan_in_its_own_tmux_server_and_takes_it_down_on_SIGTERM()
    {
        using var dir = new TempDir();
        using var demo = new HostProcess(dir.Path, "demo");
        string? socket = null;
        (await TmuxServer.WaitFor(() => (socket = Regex.Match(demo.StdOut, @"tmux -L (\S+) attach").Groups[1].Value) is { Length: > 0 }, 30))
            .Should().BeTrue(demo.StdErr);
        demo.StdOut.Should().Contain("orchestrator-actions.jsonl");
        Regex.IsMatch(demo.StdOut, @"http://127\.0\.0\.1:8787/#code=\d+\.[0-9a-f]{32}\.[0-9a-f]{64}").Should()
            .BeTrue("the demo prints a one-time sign-in link for the approvals page: " + demo.StdOut);
        var tokenFile = Path.Combine(Path.GetTempPath(), socket!, "approval-token");
        var token = File.ReadAllText(tokenFile).Trim();
        token.Should().MatchRegex("^[0-9a-f]{32}$");
        demo.StdOut.Should().NotContain(token, "the token itself is never put in a link");
        demo.StdOut.Should().Contain("printf '{\"ts\": %s, \"branch\": \"demo/deploy\"", "the LocalBus example writes the time of writing");
        File.GetUnixFileMode(tokenFile).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var server = new TmuxServerRef(socket!);
        (await TmuxServer.WaitFor(() => server.Capture("agent-demo-api").Contains("\napi built"), 30)).Should().BeTrue(demo.StdErr);

        using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", demo.Pid.ToString()])) kill.WaitForExit();

        demo.WaitForExit(5).Should().Be(0);
        server.Running().Should().BeFalse("the demo takes its tmux server down");
        Directory.Delete(Path.Combine(Path.GetTempPath(), socket!), recursive: true);
    }

    private sealed record TmuxServerRef(string Socket)
    {
        public string Capture(string session) => Run("capture-pane", "-p", "-t", "=" + session + ":").Output;
        public bool Running() => Run("list-sessions").Code == 0;

        private (int Code, string Output) Run(params string[] args)
        {
            var psi = new System.Diagnostics.ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { "-L", Socket }.Concat(args)) psi.ArgumentList.Add(a);
            using var p = System.Diagnostics.Process.Start(psi)!;
            var output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode, output);
        }
    }
}
