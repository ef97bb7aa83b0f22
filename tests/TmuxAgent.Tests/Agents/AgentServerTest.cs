using TmuxAgent.Tests.Agents.Fixtures;
using TmuxAgent.Tests.Host.Loop;

namespace TmuxAgent.Tests.Agents;

/// <summary>A loop harness (private tmux server, temp folder) and a loopback model server for each test, and the real
/// agents' homes pointing at it.</summary>
public abstract class AgentServerTest
{
    protected LoopHarness H { get; private set; } = null!;
    protected ModelServer Server { get; private set; } = null!;

    [SetUp]
    public async Task StartServer()
    {
        H = new LoopHarness();
        Server = await ModelServer.StartAsync();
    }

    [TearDown]
    public async Task StopServer()
    {
        await Server.DisposeAsync();
        H.Dispose();
    }

    /// <summary>Codex CLI's or Claude Code's home and environment for the model server, working in <c>work/</c>.</summary>
    protected AgentHome Home(string agent)
    {
        var work = Directory.CreateDirectory(H.Dir["work"]).FullName;
        return agent == "codex" ? AgentHome.Codex(H.Dir["home"], work, Server.Url) : AgentHome.Claude(H.Dir["home"], work, Server.Url);
    }
}
