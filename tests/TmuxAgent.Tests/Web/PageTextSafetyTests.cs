using System.Text.Json.Nodes;
using Microsoft.Playwright;
using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;

namespace TmuxAgent.Tests.Web;

/// <summary>
/// Issue 17 items 1, 2 and 10 in the pages: a pending command is shown with its keys and the reason it waits, bidi
/// controls in its text are drawn as visible marks (never reordering what the operator reads), and markup in it stays
/// text. Real daemon, real HTTP, headless Chromium.
/// </summary>
[Category("http")]
[Category("tmux")]
[Category("browser")]
public class PageTextSafetyTests
{
    private const string Branch = "demo/bidi";
    private const string Text = "echo safe \u202Egnp.exe\u202C <img src=x onerror=window.pwned=1>";

    [Test]
    public async Task The_dashboard_and_the_portal_api_show_keys_reason_and_visible_bidi_controls()
    {
        var risky = new CommandSpec(Text, ["Escape", "Enter"], true, "hgh");
        await using var h = await DaemonHarness.StartAsync(DaemonHarness.Task(Branch), _ => new Decision("bidi", [risky]), "agent-demo-bidi");
        var id = await h.PendingIdAsync(Branch);

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(h.PortalUrl, "api/confirmations"));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", h.Token);
        using var answer = await h.Http.SendAsync(request);
        var item = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["pending"]!.AsArray().Single()!;
        ((string?)item["text"]).Should().Be(Text + " \u27E8Escape\u27E9 \u27E8Enter\u27E9");
        ((string?)item["reason"]).Should().Be("risk_level=unknown:hgh");

        await using var browser = await Browser.LaunchAsync();
        var context = await browser.DesktopAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(h.DashboardUrl.ToString());
        var li = page.Locator($"li[data-id='{id}']");
        await li.WaitForAsync(new LocatorWaitForOptions { Timeout = 15000 });

        var shown = await li.Locator("code.cmd").InnerTextAsync();
        shown.Should().Be("echo safe \u27E6U+202E\u27E7gnp.exe\u27E6U+202C\u27E7 <img src=x onerror=window.pwned=1> \u27E8Escape\u27E9 \u27E8Enter\u27E9");
        shown.Should().NotContain("\u202E");
        (await li.Locator(".reason").InnerTextAsync()).Should().Be("risk_level=unknown:hgh");
        (await page.Locator("img").CountAsync()).Should().Be(0, "the command's markup is text");
        (await page.EvaluateAsync<bool>("() => window.pwned === 1")).Should().BeFalse();
    }
}
