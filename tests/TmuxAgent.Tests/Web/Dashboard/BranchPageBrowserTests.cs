using System.Text.Json.Nodes;
using Microsoft.Playwright;
using TmuxAgent.Core.Agents;
using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;
using TmuxAgent.Core.Serialization;
using TmuxAgent.Core.Store;
using TmuxAgent.Core.Store.Sqlite;
using TmuxAgent.Tests.Host.Loop;

namespace TmuxAgent.Tests.Web.Dashboard;

/// <summary>
/// The branch page in Debian's Chromium against the real daemon on a private tmux server: each state of a command appears
/// as the host records it, pushed over <c>/api/stream</c> (the page is never reloaded), and a page that lost the host shows
/// what was appended meanwhile once it reconnects.
/// </summary>
[Category("browser")]
[Category("tmux")]
public class BranchPageBrowserTests
{
    private const string Branch = "demo/web";
    private Browser _browser = null!;

    [OneTimeSetUp] public async Task Launch() => _browser = await Browser.LaunchAsync();
    [OneTimeTearDown] public async Task Close() { if (_browser is not null) await _browser.DisposeAsync(); }

    /// <summary>Within 2 s of the test seeing the event in the store (the page is pushed the event, then reads the page of it).</summary>
    private static readonly LocatorWaitForOptions Pushed = new() { Timeout = 2000 };

    private static async Task<T> InStoreAsync<T>(DaemonHarness h, Func<T, bool> which) where T : BranchEvent
    {
        T? found = null;
        (await TmuxServer.WaitFor(() => (found = h.EventsAsync(Branch).GetAwaiter().GetResult().OfType<T>().FirstOrDefault(which)) is not null, 30))
            .Should().BeTrue($"the host records a {typeof(T).Name}");
        return found!;
    }

    private static async Task<IPage> OpenAsync(IBrowserContext context, DaemonHarness h)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(h.DashboardUrl, "branches/" + Branch).ToString());
        await page.Locator("#status", new() { HasText = "live" }).WaitForAsync(new() { Timeout = 15000 });
        await page.EvaluateAsync("() => { window.notReloaded = true; }");
        return page;
    }

    [Test]
    public async Task The_branch_page_shows_a_command_s_exit_status_then_a_pending_command_then_who_approved_it_without_a_reload()
    {
        var stage = 0;
        var marker = "run-" + Guid.NewGuid().ToString("N")[..6];
        await using var h = await DaemonHarness.StartAsync(DaemonHarness.Task(Branch), _ => Volatile.Read(ref stage) switch
        {
            1 => new Decision("build first", [CommandSpec.Of($"echo {marker}-built")]),
            2 => new Decision("deploy needs a human", [CommandSpec.Of($"echo {marker}-deployed", "high")], RequiresConfirmation: true),
            _ => new Decision("waiting", []),
        }, "agent-demo-web");
        await using var desktop = await _browser.DesktopAsync();
        var page = await OpenAsync(desktop, h);

        Volatile.Write(ref stage, 1);
        var done = await InStoreAsync<CommandCompleted>(h, _ => true);
        Volatile.Write(ref stage, 0);
        var built = page.Locator($"article[data-command-id='{done.CommandId}'][data-state='completed']");
        await built.WaitForAsync(Pushed);
        (await built.Locator(".exit").InnerTextAsync()).Should().Be("exit 0");
        (await built.Locator("code.cmd").InnerTextAsync()).Should().Be($"echo {marker}-built");
        (await built.Locator(".steps .badge.state").AllInnerTextsAsync()).Should().ContainInOrder("dispatched", "completed");

        Volatile.Write(ref stage, 2);
        var asked = await InStoreAsync<ConfirmationRequested>(h, _ => true);
        Volatile.Write(ref stage, 0);
        var pending = page.Locator($"article[data-command-id='{asked.CommandId}'][data-state='pending']");
        await pending.WaitForAsync(Pushed);
        (await pending.Locator("code.cmd").InnerTextAsync()).Should().Be($"echo {marker}-deployed");

        var approve = new JsonObject { ["branch"] = Branch, ["id"] = asked.CommandId, ["action"] = "approve", ["who"] = "alice", ["comment"] = "ship it" };
        (await h.PostAsync(approve.ToJsonString(), h.Token)).IsSuccessStatusCode.Should().BeTrue();
        await InStoreAsync<ConfirmationApproved>(h, a => a.CommandId == asked.CommandId);
        var approved = page.Locator($"article[data-command-id='{asked.CommandId}'] .step.state-approved");
        await approved.WaitForAsync(Pushed);
        (await approved.Locator(".who").InnerTextAsync()).Should().Be("by alice (portal)");
        (await approved.Locator("q.comment").InnerTextAsync()).Should().Be("ship it");

        (await page.EvaluateAsync<bool>("() => window.notReloaded === true")).Should().BeTrue("every update came without a reload");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("branch.png"), FullPage = true });
    }

    [Test]
    public async Task A_page_that_lost_the_host_shows_the_events_appended_meanwhile_once_it_reconnects()
    {
        await using var h = await DaemonHarness.StartAsync(DaemonHarness.Task(Branch), _ => new Decision("waiting", []), "agent-demo-web");
        await using var desktop = await _browser.DesktopAsync();
        var page = await OpenAsync(desktop, h);
        var missed = "missed-" + Guid.NewGuid().ToString("N")[..6];

        await h.RestartAsync(async () =>
        {
            using var store = SqliteEventStore.Open(h.StorePath);
            await store.AppendAsync(StreamName.ForBranch(Branch), ExpectedVersion.Any,
                [EventSerializer.ToNew(new SummaryRecorded(missed) { Branch = Branch, At = DateTimeOffset.UtcNow }, missed)]);
        });

        await page.Locator("article.kind-summary", new() { HasText = missed }).WaitForAsync(new() { Timeout = 20000 });
        (await page.EvaluateAsync<bool>("() => window.notReloaded === true")).Should().BeTrue("the stream reconnected by itself");
    }

    [Test]
    public async Task A_hostile_branch_name_and_pane_text_are_shown_as_text()
    {
        const string hostile = "demo/<img src=x onerror=window.pwned=1>";
        var task = DaemonHarness.Task(hostile.Replace("\"", "\\\""), "session = \"agent-hostile\"");
        await using var h = await DaemonHarness.StartAsync(task, _ => new Decision("<b>bold</b><script>window.pwned=2</script>", []), "agent-hostile");
        h.Tmux.Run(["send-keys", "-t", "=agent-hostile:", "-l", "echo '<script>window.pwned=3</script>' '<img src=y onerror=window.pwned=4>'"]);
        h.Tmux.Run(["send-keys", "-t", "=agent-hostile:", "Enter"]);
        await using var desktop = await _browser.DesktopAsync();
        var board = await desktop.NewPageAsync();
        await board.GotoAsync(h.DashboardUrl.ToString());

        var link = board.Locator("a.branch-link");
        await link.WaitForAsync(new() { Timeout = 15000 });
        (await link.InnerTextAsync()).Should().Be(hostile);
        await link.ClickAsync();
        await board.Locator("#pane-lines", new() { HasText = "<script>window.pwned=3</script>" }).WaitForAsync(new() { Timeout = 15000 });
        await board.Locator("article.kind-decision").First.WaitForAsync(new() { Timeout = 15000 });

        board.Url.Should().EndWith("/branches/demo/%3Cimg%20src%3Dx%20onerror%3Dwindow.pwned%3D1%3E");
        (await board.Locator("#branch-name").InnerTextAsync()).Should().Be(hostile);
        (await board.Locator("article.kind-decision .summary").First.InnerTextAsync()).Should().Be("<b>bold</b><script>window.pwned=2</script>");
        (await board.Locator("img").CountAsync()).Should().Be(0);
        (await board.Locator("main script, #pane-lines script").CountAsync()).Should().Be(0);
        (await board.Locator("b", new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^bold$") }).CountAsync()).Should().Be(0, "the summary's markup is text");
        (await board.EvaluateAsync<bool>("() => window.pwned === undefined")).Should().BeTrue();
    }

    [Test]
    public async Task With_dashboard_show_panes_false_the_branch_page_has_no_pane_section()
    {
        await using var h = await DaemonHarness.StartAsync(DaemonHarness.Task(Branch), _ => new Decision("waiting", []), _ => { },
            l => l with { ShowPanes = false }, "agent-demo-web");
        await using var desktop = await _browser.DesktopAsync();
        var page = await OpenAsync(desktop, h);

        (await page.Locator("#pane-section").IsHiddenAsync()).Should().BeTrue();
        (await page.Locator("#pane-lines").InnerTextAsync()).Should().BeEmpty();
    }
}
