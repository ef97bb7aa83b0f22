using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;
using TmuxAgent.Host.Decisions;
using TmuxAgent.Tests.Host;
using TmuxAgent.Tests.Host.Loop;

namespace TmuxAgent.Tests.Web;

/// <summary>
/// Signing a phone in keeps every secret out of the URLs a browser stores: a real Chromium with a persistent profile opens
/// a one-time sign-in link, approves, and is closed; then its History database (SQLite) and every other file of the
/// profile are read. The approval token is never sent to the browser; the device token it gets is in no stored URL; the
/// code the History keeps is used up. An old <c>#token=</c> link signs nobody in, and a link's <c>who</c> needs the
/// user's yes.
/// </summary>
[Category("browser")]
[Category("tmux")]
public class SignInHistoryTests
{
    private static Func<DecisionContext, Decision> Risky(string marker) =>
        _ => new Decision("needs a human", [CommandSpec.Of($"echo {marker}-$((6*7))", "high")], RequiresConfirmation: true);

    /// <summary>A one-time code from <c>POST /api/sign-in-codes</c> (as an operator's script asks for one).</summary>
    public static async Task<string> IssueCodeAsync(DaemonHarness h)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(h.PortalUrl, "api/sign-in-codes"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", h.Token);
        using var response = await h.Http.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        ((string)answer["fragment"]!).Should().Be("#code=" + (string)answer["code"]!);
        return (string)answer["code"]!;
    }

    private static async Task<(IPlaywright Playwright, IBrowserContext Context)> PersistentAsync(string profile)
    {
        if (!File.Exists(Browser.Chromium)) Assert.Ignore($"{Browser.Chromium} is not installed");
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var playwright = await Playwright.CreateAsync();
        var context = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = Browser.Chromium, Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        return (playwright, context);
    }

    private static List<string> HistoryUrls(string profile)
    {
        var db = Path.Combine(profile, "Default", "History");
        File.Exists(db).Should().BeTrue("Chromium keeps its history in " + db);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT url FROM urls";
        var urls = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) urls.Add(reader.GetString(0));
        return urls;
    }

    /// <summary>Files of the profile that hold <paramref name="secret"/> (as UTF-8 or UTF-16 text).</summary>
    private static List<string> FilesHolding(string profile, string secret) =>
        Directory.EnumerateFiles(profile, "*", SearchOption.AllDirectories).Where(f =>
        {
            byte[] bytes;
            try { bytes = File.ReadAllBytes(f); } catch (IOException) { return false; }
            return bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) >= 0 || bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(secret)) >= 0;
        }).Select(f => Path.GetRelativePath(profile, f)).ToList();

    [Test]
    public async Task A_phone_signed_in_by_a_one_time_link_leaves_no_usable_secret_in_Chromium_s_history()
    {
        var marker = "hist-" + Guid.NewGuid().ToString("N")[..6];
        await using var h = await DaemonHarness.StartAsync(DaemonHarness.Task("demo/beta"), Risky(marker), "agent-demo-beta");
        var id = await h.PendingIdAsync("demo/beta");
        using var profile = new TempDir();
        var code = await IssueCodeAsync(h);
        string device;
        var (playwright, context) = await PersistentAsync(profile.Path);
        try
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(new Uri(h.PortalUrl, "#code=" + code).ToString());
            var card = page.Locator($"article.confirmation[data-id='{id}']");
            await card.WaitForAsync(new LocatorWaitForOptions { Timeout = 15000 });
            device = await page.EvaluateAsync<string>("localStorage.getItem('tmuxagent.approval_token')");
            await card.Locator("button.approve").ClickAsync();
            (await TmuxServer.WaitFor(() => h.Tmux.Capture("agent-demo-beta").Contains($"\n{marker}-42"), 15)).Should().BeTrue();
            await page.GotoAsync(new Uri(h.DashboardUrl, "api/orchestrator").ToString());   // more history
        }
        finally
        {
            await context.CloseAsync();   // Chromium writes its History database out
            playwright.Dispose();
        }

        device.Should().StartWith("device.");
        var urls = HistoryUrls(profile.Path);
        urls.Should().Contain(u => u.StartsWith(h.PortalUrl.ToString(), StringComparison.Ordinal), "the visit is recorded");
        urls.Should().NotContain(u => u.Contains(h.Token) || u.Contains(device), "no token is in a stored URL");
        FilesHolding(profile.Path, h.Token).Should().BeEmpty("the approval token never reaches the browser");
        FilesHolding(profile.Path, device).Should().OnlyContain(f => f.Contains("Local Storage"), "the device token is kept in localStorage only");

        using var again = new HttpRequestMessage(HttpMethod.Post, new Uri(h.PortalUrl, "api/sign-in"))
        {
            Content = new StringContent(new JsonObject { ["code"] = code }.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        (await h.Http.SendAsync(again)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the code the history keeps is used up");
    }

    [Test]
    public async Task An_old_token_link_signs_nobody_in_and_a_who_link_changes_the_name_only_after_a_yes()
    {
        var marker = "who-" + Guid.NewGuid().ToString("N")[..6];
        await using var h = await DaemonHarness.StartAsync(DaemonHarness.Task("demo/beta"), Risky(marker), "agent-demo-beta");
        var id = await h.PendingIdAsync("demo/beta");
        await using var browser = await Browser.LaunchAsync();
        await using var phone = await browser.PhoneAsync();
        var page = await phone.NewPageAsync();

        await page.GotoAsync(new Uri(h.PortalUrl, "#token=" + h.Token).ToString());
        await page.Locator("#message.error").WaitForAsync();
        (await page.Locator("#message").InnerTextAsync()).Should().Contain("not accepted");
        (await page.EvaluateAsync<string?>("localStorage.getItem('tmuxagent.approval_token')")).Should().BeNull();
        (await page.Locator("#sign-in").IsVisibleAsync()).Should().BeTrue();

        await page.Locator("#token-input").FillAsync(h.Token);
        await page.Locator("#who-input").FillAsync("alice");
        await page.Locator("#token-form button[type=submit]").TapAsync();
        await page.Locator($"article.confirmation[data-id='{id}']").WaitForAsync(new LocatorWaitForOptions { Timeout = 15000 });

        await page.GotoAsync(new Uri(h.PortalUrl, "#who=mallory").ToString());
        await page.Locator("#who-offer").WaitForAsync();
        (await page.Locator("#who-offer-name").InnerTextAsync()).Should().Be("mallory");
        (await page.Locator("#who-offer-current").InnerTextAsync()).Should().Be("alice");
        await page.Locator("#who-keep").TapAsync();
        (await page.Locator("#who").InnerTextAsync()).Should().Be("as alice");
        var card = page.Locator($"article.confirmation[data-id='{id}']");
        await card.Locator("button.approve").TapAsync();
        await page.Locator("#message.ok").WaitForAsync();

        (await h.EventsAsync("demo/beta")).OfType<ConfirmationApproved>().Single().Who.Should().Be("alice", "the link did not change who approves");
    }
}
