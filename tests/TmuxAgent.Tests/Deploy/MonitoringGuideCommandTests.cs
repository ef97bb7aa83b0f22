using System.Diagnostics;
using System.Text.RegularExpressions;
using TmuxAgent.Tests.Host.Loop;

namespace TmuxAgent.Tests.Deploy;

/// <summary>
/// Every <c>tmux-agent-orchestrator…</c> command in the bash blocks of both monitoring guides runs as written against a
/// real production folder and a drill folder (real tmux panes, the plan decider): the daemon commands with
/// <c>--once</c> appended so they end, <c>/tmp/drill</c> replaced by the test's drill folder.
/// </summary>
[Category("tmux"), Category("process"), System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class MonitoringGuideCommandTests
{
    private const string Branch = "storyapp/feature-x";

    [TestCaseSource(typeof(MonitoringDocsTests), nameof(MonitoringDocsTests.Guides))]
    public void Every_command_of_the_guide_runs_as_written(string guide)
    {
        using var tmux = new TmuxServer();
        tmux.NewSession("agent-storyapp-feature-x");
        var root = Directory.CreateTempSubdirectory("tmuxagent-guide-").FullName;
        try
        {
            string prod = Path.Combine(root, "prod"), drill = Path.Combine(root, "drill");
            WriteFolder(prod, tmux.Socket, "prod");
            WriteFolder(drill, tmux.Socket, "drill");
            File.WriteAllText(Path.Combine(prod, ".tmuxagent", "plan-scenarios.yaml"), $"""
                scenarios:
                  - name: the feature branch asks, then runs its test
                    steps:
                      - cycle: {Branch}
                        expect: {"{"} decision_requested: true {"}"}
                      - decision: {Branch}
                        commands: [npm test]
                        expect:
                          dispatched: [npm test]
                """);

            // the daemons first, so the logs the replay commands read exist
            var commands = GuideCommands(guide).OrderBy(c => c.Contains("--config", StringComparison.Ordinal) ? 0 : 1).ToList();
            commands.Should().HaveCountGreaterThan(5, "the guide shows the daemon, replay, compare and plan commands");
            foreach (var command in commands)
            {
                var words = Words(command.Replace("/tmp/drill", drill));
                var isDaemon = words[0] == "tmux-agent-orchestrator" && words.Contains("--config");
                var cwd = isDaemon && words.Any(w => w.StartsWith(drill, StringComparison.Ordinal)) ? drill : prod;
                if (isDaemon) words.Add("--once");
                if (words.Contains("dryrun-actions.jsonl"))
                    File.Copy(Path.Combine(drill, ".tmuxagent", "logs", "orchestrator-actions.jsonl"), Path.Combine(prod, "dryrun-actions.jsonl"), true);
                var (code, output) = Run(cwd, words);
                var differences = words.Contains("compare") && code == 1;
                (code == 0 || differences).Should().BeTrue($"`{string.Join(' ', words)}` in {cwd} exited {code}:\n{output}");
                if (words.Contains("compare")) output.Should().Contain($"Branch {Branch}", string.Join(' ', words));
                else if (words[0] == "tmux-agent-orchestrator-replay") output.Should().Contain("Replayed", string.Join(' ', words));
            }
            File.ReadAllText(Path.Combine(drill, ".tmuxagent", "logs", "orchestrator-actions.jsonl")).Should().Contain("\"dry_run\":true");
        }
        finally { Directory.Delete(root, recursive: true); }
    }

    /// <summary>The commands of the guide's bash blocks, continuation lines joined.</summary>
    private static IEnumerable<string> GuideCommands(string guide)
    {
        var text = RepoFiles.Read(guide);
        foreach (Match block in Regex.Matches(text, @"```bash\n(.*?)```", RegexOptions.Singleline))
            foreach (var line in Regex.Replace(block.Groups[1].Value, @"\\\n\s*", "").Split('\n'))
                if (line.Trim().StartsWith("tmux-agent-orchestrator", StringComparison.Ordinal)) yield return line.Trim();
    }

    private static List<string> Words(string command) => [.. command.Split(' ', StringSplitOptions.RemoveEmptyEntries)];

    private static void WriteFolder(string dir, string socket, string name)
    {
        Directory.CreateDirectory(Path.Combine(dir, ".tmuxagent"));
        File.WriteAllText(Path.Combine(dir, "agent-config.yaml"), $"""
            bus_dir: {dir}/bus
            hosts:
              - name: local
                tmux:
                  socket: {socket}
            """);
        var toml = $"""
            poll_interval = 1
            cooldown_seconds = 0
            session_cooldown_seconds = 0
            decision_source = "plan"
            [[tasks]]
            branch = "{Branch}"
            phases = ["planning", "done"]
            [tasks.plan]
            planning = ["echo guide-{name}"]
            """;
        File.WriteAllText(Path.Combine(dir, ".tmuxagent", "orchestrator.toml"), toml);
        File.WriteAllText(Path.Combine(dir, "orchestrator.toml"), toml);
    }

    private static (int Code, string Output) Run(string cwd, IReadOnlyList<string> words)
    {
        var dll = words[0] == "tmux-agent-orchestrator-replay" ? "tmux-agent-orchestrator-replay.dll" : "tmux-agent-orchestrator.dll";
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = cwd, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, dll));
        foreach (var w in words.Skip(1)) psi.ArgumentList.Add(w);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromSeconds(90))) { p.Kill(true); throw new TimeoutException(string.Join(' ', words)); }
        return (p.ExitCode, stdout.Result + stderr.Result);
    }
}
