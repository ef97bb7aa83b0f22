using Microsoft.Playwright;

namespace TmuxAgent.Tests.Web;

/// <summary>
/// Debian's Chromium (/usr/bin/chromium) driven by Playwright for .NET; no browser is ever downloaded. The Playwright
/// driver (node) comes with the NuGet package and is copied to the test output (.playwright/).
/// </summary>
public sealed class Browser : IAsyncDisposable
{
    public const string Chromium = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;

    private Browser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Instance = browser;
    }

    public IBrowser Instance { get; }

    public static async Task<Browser> LaunchAsync(params string[] extraArgs)
    {
        if (!File.Exists(Chromium)) Assert.Ignore($"{Chromium} is not installed (apt-get install chromium)");
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium, Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", .. extraArgs],
        });
        return new Browser(playwright, browser);
    }

    /// <summary>A phone: 390x844, touch, mobile viewport.</summary>
    public Task<IBrowserContext> PhoneAsync() => Instance.NewContextAsync(new BrowserNewContextOptions
    {
        ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true, DeviceScaleFactor = 2,
    });

    /// <summary>A desktop window.</summary>
    public Task<IBrowserContext> DesktopAsync() => Instance.NewContextAsync(new BrowserNewContextOptions
    {
        ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
    });

    /// <summary>Where screenshots go: docs/images when TMUXAGENT_SCREENSHOTS=1 (to refresh the docs), else a temp folder.</summary>
    public static string ScreenshotPath(string name) =>
        Environment.GetEnvironmentVariable("TMUXAGENT_SCREENSHOTS") == "1"
            ? Path.Combine(RepoRoot.Path, "docs", "images", name)
            : Path.Combine(Path.GetTempPath(), "tmuxagent-screens-" + Environment.ProcessId, name);

    public async ValueTask DisposeAsync()
    {
        await Instance.CloseAsync();
        _playwright.Dispose();
    }
}
