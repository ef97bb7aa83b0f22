using TmuxAgent.Tests.Agents.Fixtures;
using TmuxAgent.Tests.Host.Loop;

namespace TmuxAgent.Tests.Agents;

/// <summary>
/// End to end, real binaries, no network: the host process drives Codex CLI or Claude Code in a tmux pane against the
/// loopback model server. Prompts decided in consecutive cycles (one of 2 kB, one of three lines) each reach the model
/// exactly once, none is typed while the agent works, no turn is aborted, and the dashboard shows the agent.
/// </summary>
[Category("tmux"), Category("agents"), Category("process"), Category("http")]
public sealed class AgentDeliveryProcessTests
{
    /// <summary>A short prompt, a 2 kB one, a multi-line one, a short one.</summary>
    public static IReadOnlyList<string> MixedPrompts(string tag) =>
    [
        $"{tag} first: list the files",
        $"{tag} second: " + string.Join(" ", Enumerable.Repeat("please read this long paragraph carefully.", 50)),
        $"{tag} third: a prompt\nwith a second line\nand a third line",
        $"{tag} fourth: run the tests",
    ];

    [TestCase("codex"), TestCase("claude")]
    public async Task Prompts_decided_in_consecutive_cycles_reach_the_model_once_each_and_never_while_it_works(string agent)
    {
        var prompts = MixedPrompts("p" + Guid.NewGuid().ToString("N")[..6]);
        await using var run = await AgentHostRun.StartAsync(agent, prompts, think: TimeSpan.FromSeconds(2.5));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

        var busySeen = await TmuxServer.WaitFor(() => (string?)run.DashboardAgentAsync(http).GetAwaiter().GetResult()?["state"] == "busy", 60);
        busySeen.Should().BeTrue("the dashboard shows the agent working: " + run.Diagnostics());
        (await run.Server.WaitForTurnsAsync(prompts.Count, 150)).Should().BeTrue(run.Diagnostics());
        var shown = await TmuxServer.WaitFor(() => (string?)run.DashboardAgentAsync(http).GetAwaiter().GetResult()?["state"] == "idle", 30);
        await Task.Delay(3000); // a few more cycles: nothing more may reach the model

        shown.Should().BeTrue("the dashboard shows the agent idle after the last turn: " + run.Diagnostics());
        (await run.DashboardAgentAsync(http))!["profile"]!.GetValue<string>().Should().Be(agent);
        var turns = run.Server.Turns;
        turns.Should().HaveCount(prompts.Count, run.Diagnostics());
        for (var i = 0; i < prompts.Count; i++) turns[i].Prompt.Should().Contain(prompts[i], $"turn {i + 1} carries prompt {i + 1} whole and in order");
        turns.Should().OnlyContain(t => !t.Aborted && !t.Failed, "no turn is aborted");
        for (var i = 1; i < turns.Count; i++)
            turns[i].Started.Should().BeOnOrAfter(turns[i - 1].Finished!.Value, $"turn {i + 1} starts after turn {i} ended");
        foreach (var dispatched in run.DispatchTimes())
            turns.Should().NotContain(t => t.Covers(dispatched), $"nothing is dispatched while the agent works ({dispatched:HH:mm:ss.fff})");

        var events = run.AuditLines().Select(l => (string?)l["event"]).ToList();
        events.Count(e => e == "command_delivered").Should().Be(prompts.Count);
        events.Should().NotContain("command_not_submitted").And.NotContain("command_delivery_failed");
        run.AuditLines().Where(l => (string?)l["event"] == "command_delivered")
            .Should().OnlyContain(l => (string?)l["data"]!["agent"] == agent && l["data"]!["confirmation"] != null);
        run.Pane.Screen().Should().NotContain("__TMUXAGENT_", "no shell exit-status trailer is typed into an agent");
        run.Server.Prompts.Should().NotContain(p => p.Contains("__TMUXAGENT_"));
    }
}
