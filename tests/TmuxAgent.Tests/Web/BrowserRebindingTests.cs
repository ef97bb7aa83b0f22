using Microsoft.Playwright;
using TmuxAgent.Core.Commands;
using TmuxAgent.Core.Branches;
using TmuxAgent.Host.Decisions;
using TmuxAgent.Tests.Host.Loop;

namespace TmuxAgent.Tests.Web;

/// <summary>
/// DNS rebinding and a foreign page calling the portal, in a real headless Chromium against the real daemon: Chromium's
/// resolver maps <c>attacker.example</c> to 127.0.0.1 (what a rebinding DNS server does), and a page served as
/// <c>http://attacker.example:&lt;dashboard port&gt;</c> (Playwright answers for it) tries the portal's API with a stolen token.
/// Chromium's own local-network checks are turned off, so only the host's answers protect it.
/// </summary>
[Category("browser")]
[Category("tmux")]
public class BrowserRebindingTests
{
    private Browser _browser = null!;

    [OneTimeSetUp]
    public async Task Launch() => _browser = await Browser.LaunchAsync("--host-resolver-rules=MAP attacker.example 127.0.0.1",
        "--disable-features=LocalNetworkAccessChecks,PrivateNetworkAccessSendPreflights,PrivateNetworkAccessRespectPreflightResults,BlockInsecurePrivateNetworkRequests");

    [OneTimeTearDown] public async Task Close() { if (_browser is not null) await _browser.DisposeAsync(); }

    [Test]
    public async Task A_rebound_name_gets_no_dashboard_and_a_foreign_page_cannot_call_the_portal()
    {
        await using var h = await DaemonHarness.StartAsync(DaemonHarness.Task("demo/beta"),
            _ => new Decision("risky", [CommandSpec.Of("echo rebinding-secret", "high")], RequiresConfirmation: true), "agent-demo-beta");
        await h.PendingIdAsync("demo/beta");
        await using var context = await _browser.DesktopAsync();
        var page = await context.NewPageAsync();

        var rebound = await page.GotoAsync($"http://attacker.example:{h.DashboardUrl.Port}/api/orchestrator");
        rebound!.Status.Should().Be(421);
        (await page.ContentAsync()).Should().NotContain("rebinding-secret");
        var own = await page.GotoAsync(new Uri(h.DashboardUrl, "api/orchestrator").ToString());
        (await own!.TextAsync()).Should().Contain("rebinding-secret"); // the same browser reaches it by its loopback name

        var evil = $"http://attacker.example:{h.DashboardUrl.Port}/";
        await page.RouteAsync(evil, r => r.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "text/html", Body = "<!doctype html><title>evil</title>" }));
        await page.GotoAsync(evil);
        var script = "async ([url, token]) => { try { const r = await fetch(url, { headers: { Authorization: 'Bearer ' + token } }); return 'read ' + r.status + ' ' + await r.text(); } catch (e) { return 'blocked ' + e.name; } }";
        var fromEvil = await page.EvaluateAsync<string>(script, new[] { new Uri(h.PortalUrl, "api/confirmations").ToString(), h.Token });
        fromEvil.Should().StartWith("blocked"); // no CORS headers for a page on another host, even on the dashboard's port

        await page.GotoAsync(h.DashboardUrl.ToString());
        var fromDashboard = await page.EvaluateAsync<string>(script, new[] { new Uri(h.PortalUrl, "api/confirmations").ToString(), h.Token });
        fromDashboard.Should().StartWith("read 200").And.Contain("rebinding-secret"); // the dashboard's own page may call the portal
    }
}
