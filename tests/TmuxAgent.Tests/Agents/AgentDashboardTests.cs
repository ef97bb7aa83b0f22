using Microsoft.Playwright;
using TmuxAgent.Core.Branches;
using TmuxAgent.Tests.Host;
using TmuxAgent.Tests.Host.Loop;
using TmuxAgent.Tests.Web;

namespace TmuxAgent.Tests.Agents;

/// <summary>The dashboard page shows the agent checks: the stuck verdict with its evidence and the agent's summaries.</summary>
[Category("browser")]
[Category("tmux")]
public class AgentDashboardTests
{
    [Test]
    public async Task The_dashboard_shows_the_stuck_check_and_the_summaries_of_an_agent_pane()
    {
        using var dir = new TempDir();
        var flag = dir["turn.flag"];
        var model = ScriptedModel.Write(dir, summary: "echo '{\"summary\": \"the agent finished its turn\"}'",
            stuck: "echo '{\"stuck\": true, \"reason\": \"waiting for an answer\", \"suggestion\": \"answer yes\", \"risk_level\": \"high\"}'");
        var tasks = ScriptedModel.Toml(dir, model) + DaemonHarness.Task("demo/agent", "input_mode = \"codex_dialogue\"");
        await using var h = await DaemonHarness.StartAsync(tasks, _ => new Decision("watching", []));
        h.Tmux.NewSession("agent-demo-agent", $"sh -c 'echo \"■ stream error: 500\"; while [ ! -f {flag} ]; do sleep 0.05; done; echo finished; exec sleep 600'");
        (await TmuxServer.WaitFor(() => h.BranchAsync("demo/agent").GetAwaiter().GetResult()["heartbeat"] is not null, 20)).Should().BeTrue();
        File.WriteAllText(flag, "");
        await using var browser = await Browser.LaunchAsync();
        await using var desktop = await browser.DesktopAsync();
        var page = await desktop.NewPageAsync();

        await page.GotoAsync(h.DashboardUrl.ToString());
        var column = page.Locator("section.branch[data-branch='demo/agent']");
        await column.Locator("ol.summaries li", new() { HasText = "the agent finished its turn" }).WaitForAsync(new() { Timeout = 20000 });

        (await column.Locator("p.stuck").InnerTextAsync()).Should().Contain("stuck").And.Contain("waiting for an answer");
        (await column.Locator("ul.evidence").InnerTextAsync()).Should().Contain("■ stream error: 500");
        (await column.InnerTextAsync()).Should().Contain("answer yes");
        var api = await h.BranchAsync("demo/agent");
        ((bool)api["stuck"]!["stuck"]!).Should().BeTrue();
        ((string)api["summaries"]![0]!["text"]!).Should().Be("the agent finished its turn");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("dashboard-agent.png"), FullPage = true });
    }
}
