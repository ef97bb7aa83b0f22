using Microsoft.Extensions.Logging;
using TmuxAgent.Host.Cli;
using TmuxAgent.Config;
using TmuxAgent.Host.Config;
using TmuxAgent.Host.Hosting;
using TmuxAgent.Host.Processes;
using TmuxAgent.Host.Tmux;

namespace TmuxAgent.Host.Demo;

/// <summary>
/// <c>tmux-agent-orchestrator demo</c>: a private tmux server (<c>tmux -L tmuxagent-demo-PID</c>) with three shell panes,
/// the plan decider driving them (a dependency chain and an approval step), until Ctrl-C or SIGTERM; the server is
/// taken down on the way out. Files (configs, store, bus, audit log) live in a folder under the temp directory.
/// </summary>
public static class DemoCommand
{
    /// <summary>Runs the demo; returns the exit code.</summary>
    public static async Task<int> RunAsync(LogLevel level, CancellationToken ct)
    {
        var socket = $"tmuxagent-demo-{Environment.ProcessId}";
        var dir = Path.Combine(Path.GetTempPath(), socket);
        var tmux = new TmuxClient("tmux", socket);
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, ".tmuxagent"));
            var toml = Path.Combine(dir, ".tmuxagent", "orchestrator.toml");
            var yaml = Path.Combine(dir, "agent-config.yaml");
            var token = DemoToken(dir);
            await File.WriteAllTextAsync(toml, DemoFiles.OrchestratorToml(token.File), ct);
            await File.WriteAllTextAsync(yaml, DemoFiles.AgentYaml(socket, Path.Combine(dir, "bus")), ct);
            foreach (var session in DemoFiles.Sessions)
                await tmux.QueryAsync(["new-session", "-d", "-s", session, "-x", "160", "-y", "40", "env PS1='$ ' bash --norc --noprofile"], ct);

            Directory.SetCurrentDirectory(dir);
            var loaded = LoadedConfiguration.Load(toml, yaml);
            var options = new RunOptions(yaml, toml, false, null, null, level, false, false, Store.StoreFactory.DefaultPath);
            PrintWelcome(socket, dir, token.Value);
            return await DaemonHost.RunAsync(RunCommand.SettingsFor(loaded, options), ListenerSettings.From(loaded.Orchestrator, options), options);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            await Console.Error.WriteLineAsync($"demo: tmux is needed and could not be started: {e.Message}");
            return ExitCodes.Failed;
        }
        catch (TmuxException e)
        {
            await Console.Error.WriteLineAsync($"demo: {e.Message}");
            return ExitCodes.Failed;
        }
        finally
        {
            try { await ProcessRunner.RunAsync("tmux", ["-L", socket, "kill-server"], timeout: TimeSpan.FromSeconds(5)); }
            catch (System.ComponentModel.Win32Exception) { }
            Console.WriteLine($"demo stopped; tmux server {socket} taken down. Files kept in {dir}");
        }
    }

    /// <summary>The portal token: TMUXAGENT_APPROVAL_TOKEN when set, else a fresh random one in a 0600 file of the demo folder.</summary>
    private static (string Value, string File) DemoToken(string dir)
    {
        var file = Path.Combine(dir, "approval-token");
        var value = Environment.GetEnvironmentVariable("TMUXAGENT_APPROVAL_TOKEN") is { Length: > 0 } env
            ? env : Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        File.WriteAllText(file, value + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return (value, file);
    }

    private static void PrintWelcome(string socket, string dir, string token)
    {
        // ts: when the record is written (a record written before the command was requested applies to nothing)
        var record = "{\"ts\": %s, \"branch\": \"demo/deploy\", \"action\": \"approve\", \"command\": \"" + DemoFiles.ApprovalCommand + "\", \"meta\": {\"who\": \"you\"}}\\n";
        var approve = $"printf '{record}' \"$(date +%s.%N)\" >> {Path.Combine(dir, "bus", "confirmations.jsonl")}";
        var code = Web.Portal.ApprovalToken.Of(token).IssueSignInCode(DateTimeOffset.UtcNow + TimeSpan.FromHours(12));
        Console.WriteLine($"""
            tmux-agent-orchestrator demo
              panes:      tmux -L {socket} attach        (Ctrl-b s to switch between {string.Join(", ", DemoFiles.Sessions)})
              audit log:  {Path.Combine(dir, ".tmuxagent", "logs", "orchestrator-actions.jsonl")}
              replay:     tmux-agent-orchestrator-replay --log {Path.Combine(dir, ".tmuxagent", "logs", "orchestrator-actions.jsonl")}
              LocalBus:   {Path.Combine(dir, "bus")}
              dashboard:  http://127.0.0.1:8702/
              approvals:  http://127.0.0.1:8787/#code={code}   (one-time sign-in link for one phone, 12 h; the approval token is in {Path.Combine(dir, "approval-token")})
            demo/web waits for demo/api; demo/deploy waits for demo/web, then asks for approval. Approve it on the
            approvals page, or through LocalBus:
              {approve}
            Ctrl-C stops the demo and takes its tmux server down.
            """);
    }
}
