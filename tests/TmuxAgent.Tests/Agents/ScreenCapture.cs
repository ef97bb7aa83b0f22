using TmuxAgent.Tests.Agents.Fixtures;
using TmuxAgent.Tests.Host;
using TmuxAgent.Tests.Host.Loop;

namespace TmuxAgent.Tests.Agents;

/// <summary>Re-captures the screens under Agents/Screens/ from the real binaries (run by hand after an agent upgrade:
/// <c>dotnet test --filter FullyQualifiedName~ScreenCapture</c> with <c>TMUXAGENT_CAPTURE_SCREENS</c> = the folder).
/// The profile tests read the captured files, so a new agent version's screens are checked by the same specifications.</summary>
[Explicit("writes test resources"), Category("tmux"), Category("agents")]
public sealed class ScreenCapture
{
    [TestCase("codex"), TestCase("claude")]
    public async Task Capture(string agent)
    {
        var folder = Environment.GetEnvironmentVariable("TMUXAGENT_CAPTURE_SCREENS") ?? Path.Combine(RepoRoot.Path, "tests/TmuxAgent.Tests/Agents/Screens");
        await using var server = await ModelServer.StartAsync();
        server.Delay = p => p.Contains("slow") ? TimeSpan.FromSeconds(6) : TimeSpan.Zero;
        server.FailWhen = p => p.Contains("fail");
        using var tmux = new TmuxServer();
        using var dir = new TempDir();
        var pane = AgentPane.Start(tmux, "a", ModelServerTests.Home(agent, dir, server));
        void Save(string name) => File.WriteAllText(Path.Combine(folder, $"{agent}-{name}.txt"), pane.Screen());

        (await pane.WaitForScreenAsync(AgentScreens.Idle(agent))).Should().BeTrue();
        await Task.Delay(1500);
        Save("idle");
        await pane.SubmitAsync("a slow task please");
        await Task.Delay(2500);
        Save("busy");
        await pane.PasteOnlyAsync("typed while busy");
        await Task.Delay(500);
        Save("busy-with-text");
        tmux.Run(["send-keys", "-t", "=a:", "C-u"]);
        (await server.WaitForTurnsAsync(1)).Should().BeTrue();
        await Task.Delay(2500);
        Save("done");
        await pane.PasteOnlyAsync("a pasted prompt\nwith two lines");
        await Task.Delay(500);
        Save("pasted");
        await pane.PasteOnlyAsync(new string('x', 2100));
        await Task.Delay(500);
        Save("pasted-long");
        tmux.Run(["send-keys", "-t", "=a:", "Enter"]);
        (await server.WaitForTurnsAsync(2)).Should().BeTrue();
        await Task.Delay(2500);
        await pane.SubmitAsync("now fail");
        (await server.WaitForTurnsAsync(3)).Should().BeTrue();
        await Task.Delay(2500);
        Save("error");
    }
}
