using Microsoft.Playwright;
using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;
using TmuxAgent.Core.Store.Leases;
using TmuxAgent.Host.Decisions;
using TmuxAgent.Tests.Host.Loop;

namespace TmuxAgent.Tests.Web;

/// <summary>The pages in a real headless Chromium against the real daemon and real tmux panes.</summary>
[Category("browser")]
[Category("tmux")]
public class BrowserTests
{
    private Browser _browser = null!;

    [OneTimeSetUp] public async Task Launch() => _browser = await Browser.LaunchAsync();
    [OneTimeTearDown] public async Task Close() { if (_browser is not null) await _browser.DisposeAsync(); }

    private static Func<DecisionContext, Decision> Risky(string marker) =>
        _ => new Decision("wants to clean the build", [CommandSpec.Of($"echo {marker}-$((6*7))", "high")], RequiresConfirmation: true);

    [Test]
    public async Task A_phone_signs_in_with_a_one_time_link_taps_Approve_and_the_command_runs_in_the_pane()
    {
        var marker = "phone-" + Guid.NewGuid().ToString("N")[..6];
        await using var h = await DaemonHarness.StartAsync(DaemonHarness.Task("demo/beta"), Risky(marker), "agent-demo-beta");
        var id = await h.PendingIdAsync("demo/beta");
        await using var phone = await _browser.PhoneAsync();
        var page = await phone.NewPageAsync();

        var code = await SignInHistoryTests.IssueCodeAsync(h);
        await page.GotoAsync(new Uri(h.PortalUrl, "#code=" + code + "&who=alice").ToString());
        await page.Locator("#who-accept").TapAsync();   // a link's name is applied only when the user agrees
        var card = page.Locator($"article.confirmation[data-id='{id}']");
        await card.WaitForAsync(new LocatorWaitForOptions { Timeout = 15000 });

        page.Url.Should().NotContain("code", "the code is removed from the address bar");
        (await page.EvaluateAsync<string>("localStorage.getItem('tmuxagent.approval_token')")).Should().StartWith("device.").And.NotContain(h.Token);
        (await card.Locator("code").InnerTextAsync()).Should().Be($"echo {marker}-$((6*7))");
        var shot = Browser.ScreenshotPath("portal.png");
        Directory.CreateDirectory(Path.GetDirectoryName(shot)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot });

        await card.Locator("textarea").FillAsync("ok from the phone");
        await card.Locator("button.approve").TapAsync();

        (await TmuxServer.WaitFor(() => h.Tmux.Capture("agent-demo-beta").Contains($"\n{marker}-42"), 15)).Should().BeTrue("the approved command runs in the pane");
        await page.Locator("#message.ok").WaitForAsync();
        var approved = (await h.EventsAsync("demo/beta")).OfType<ConfirmationApproved>().Single();
        (approved.Who, approved.Channel, approved.Comment).Should().Be(("alice", "portal", "ok from the phone"));
        (await h.EventsAsync("demo/beta")).OfType<CommandDispatched>().Should().ContainSingle(d => d.CommandId == id);
        // the mirror follows the store at the loop's next audit sync (a 202 "applied later" answer syncs after the cycle)
        (await TmuxServer.WaitFor(() => h.AuditText().Contains("\"event\":\"confirmation\""), 15)).Should().BeTrue();
        h.AuditText().Should().Contain("\"status\":\"approved\"");
    }

    [Test]
    public async Task A_command_denied_on_the_phone_never_runs()
    {
        var marker = "denied-" + Guid.NewGuid().ToString("N")[..6];
        await using var h = await DaemonHarness.StartAsync(DaemonHarness.Task("demo/beta"), Risky(marker), "agent-demo-beta");
        var id = await h.PendingIdAsync("demo/beta");
        await using var phone = await _browser.PhoneAsync();
        var page = await phone.NewPageAsync();

        await page.GotoAsync(h.PortalUrl.ToString());
        await page.Locator("#token-input").FillAsync(h.Token);
        await page.Locator("#token-form button[type=submit]").TapAsync();
        var card = page.Locator($"article.confirmation[data-id='{id}']");
        await card.Locator("button.deny").TapAsync();
        await page.Locator("#message.ok").WaitForAsync();

        await Task.Delay(2500); // further cycles of the loop
        h.Tmux.Capture("agent-demo-beta").Should().NotContain($"{marker}-42");
        var events = await h.EventsAsync("demo/beta");
        events.OfType<ConfirmationDenied>().Should().ContainSingle(d => d.CommandId == id && d.Who == "portal");
        events.OfType<CommandDispatched>().Should().NotContain(d => d.CommandId == id);
        await page.Locator($"article.confirmation[data-id='{id}']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
    }

    [Test]
    public async Task The_dashboard_shows_which_host_holds_a_branch_this_host_does_not_drive()
    {
        var tasks = DaemonHarness.Task("demo/api") + DaemonHarness.Task("demo/held");
        await using var h = await DaemonHarness.StartAsync(tasks, _ => new Decision("go", [CommandSpec.Of("echo go")]),
            store => SqliteBranchLeases.Open(store).TryAcquireAsync("demo/held", "build-box-2", TimeSpan.FromMinutes(10), DateTimeOffset.UtcNow)
                .GetAwaiter().GetResult().Should().NotBeNull(),
            "agent-demo-api", "agent-demo-held");
        await using var desktop = await _browser.DesktopAsync();
        var page = await desktop.NewPageAsync();

        await page.GotoAsync(h.DashboardUrl.ToString());
        var held = page.Locator("section.branch[data-branch='demo/held'] .lease");
        await held.WaitForAsync(new LocatorWaitForOptions { Timeout = 15000 });

        (await held.InnerTextAsync()).Should().Be("held by build-box-2");
        (await page.Locator("section.branch[data-branch='demo/api'] .lease").CountAsync()).Should().Be(0, "this host drives demo/api itself");
        ((string?)(await h.BranchAsync("demo/api"))["lease_holder"]).Should().NotBeNull();
    }

    [Test]
    public async Task The_dashboard_shows_a_branch_blocked_by_its_dependency_and_its_buttons_use_the_portal()
    {
        var marker = "dash-" + Guid.NewGuid().ToString("N")[..6];
        var tasks = DaemonHarness.Task("demo/api") + DaemonHarness.Task("demo/web", "depends_on = [\"demo/api\"]")
            + DaemonHarness.Task("demo/docs");
        await using var h = await DaemonHarness.StartAsync(tasks, c => c.State.Branch switch
        {
            "demo/api" => new Decision("migrations need a human", [CommandSpec.Of($"echo {marker}-$((6*7))", "high")], RequiresConfirmation: true),
            "demo/docs" => new Decision("building the docs", [CommandSpec.Of("make docs")], Phase: "build", Blockers: ["waiting for the style guide"]),
            _ => new Decision("go", [CommandSpec.Of("echo web")]),
        }, "agent-demo-api", "agent-demo-web");
        h.Tmux.NewSession("agent-demo-docs", "sleep 600"); // busy: its commands queue
        await h.PendingIdAsync("demo/api");
        await using var desktop = await _browser.DesktopAsync();
        var page = await desktop.NewPageAsync();

        await page.GotoAsync(h.DashboardUrl.ToString());
        var web = page.Locator("section.branch[data-branch='demo/web']");
        await web.Locator(".badge.blocked").WaitForAsync(new LocatorWaitForOptions { Timeout = 15000 });
        await page.Locator("section.branch[data-branch='demo/docs'] .stages li.current", new() { HasText = "build" }).WaitForAsync(new() { Timeout = 15000 });

        (await web.Locator(".blockers").InnerTextAsync()).Should().Contain("waiting for demo/api");
        (await web.Locator(".stages li.current").InnerTextAsync()).Should().Be("planning");
        (await page.Locator("section.branch[data-branch='demo/api'] [data-id] code").InnerTextAsync()).Should().Contain(marker);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("dashboard.png"), FullPage = true });

        await page.Locator("#token-button").ClickAsync();
        await page.Locator("#token-input").FillAsync(h.Token);
        await page.Locator("#token-form button[type=submit]").ClickAsync();
        await page.Locator("section.branch[data-branch='demo/api'] button.approve").ClickAsync();

        (await TmuxServer.WaitFor(() => h.Tmux.Capture("agent-demo-api").Contains($"\n{marker}-42"), 15)).Should().BeTrue();
        (await h.EventsAsync("demo/api")).OfType<ConfirmationApproved>().Single().Who.Should().Be("dashboard");
        (await h.EventsAsync("demo/web")).Should().NotContain(e => e is DecisionRequested || e is CommandDispatched, "the blocked branch is not asked and gets no command");
    }
}
