using TmuxAgent.Tests.Agents.Fixtures;
using TmuxAgent.Tests.Host;
using TmuxAgent.Tests.Host.Loop;

namespace TmuxAgent.Tests.Agents;

/// <summary>The loopback model server drives the real agents: a prompt typed into Codex CLI or Claude Code reaches it
/// as one turn with the prompt intact, and an error reply shows as the agent's error line.</summary>
[Category("tmux"), Category("agents")]
public sealed class ModelServerTests
{
    [TestCase("codex"), TestCase("claude")]
    public async Task A_typed_prompt_is_one_turn_with_its_text(string agent)
    {
        await using var server = await ModelServer.StartAsync();
        using var tmux = new TmuxServer();
        using var dir = new TempDir();
        var pane = AgentPane.Start(tmux, "a", Home(agent, dir, server));
        (await pane.WaitForScreenAsync(AgentScreens.Idle(agent))).Should().BeTrue(pane.Screen());

        await pane.SubmitAsync("say hello\nand goodbye");

        (await server.WaitForTurnsAsync(1)).Should().BeTrue(pane.Screen());
        (await pane.WaitForScreenAsync(s => s.Contains("Done with turn"))).Should().BeTrue(pane.Screen());
        server.Turns.Should().ContainSingle().Which.Should().Match<ModelTurn>(t => !t.Aborted && !t.Failed);
        server.Prompts.Single().Should().Contain("say hello\nand goodbye");
    }

    [TestCase("codex"), TestCase("claude")]
    public async Task A_failing_turn_shows_the_agents_error_line(string agent)
    {
        await using var server = await ModelServer.StartAsync();
        server.FailWhen = _ => true;
        using var tmux = new TmuxServer();
        using var dir = new TempDir();
        var pane = AgentPane.Start(tmux, "a", Home(agent, dir, server));
        (await pane.WaitForScreenAsync(AgentScreens.Idle(agent))).Should().BeTrue(pane.Screen());

        await pane.SubmitAsync("fail please");

        (await server.WaitForTurnsAsync(1)).Should().BeTrue(pane.Screen());
        (await pane.WaitForScreenAsync(AgentScreens.Error(agent))).Should().BeTrue(pane.Screen());
        server.Turns.Should().OnlyContain(t => t.Failed);
    }

    internal static AgentHome Home(string agent, TempDir dir, ModelServer server)
    {
        var work = Directory.CreateDirectory(dir["work"]).FullName;
        return agent == "codex" ? AgentHome.Codex(dir.Path, work, server.Url) : AgentHome.Claude(dir.Path, work, server.Url);
    }
}
