using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using TmuxAgent.Core.Commands;
using TmuxAgent.Core.Branches;
using TmuxAgent.Host.Cli;
using TmuxAgent.Config;
using TmuxAgent.Host.Config;
using TmuxAgent.Host.Decisions;
using TmuxAgent.Host.Hosting;
using TmuxAgent.Host.Metrics;
using TmuxAgent.Host.Observers;
using TmuxAgent.Host.Web;
using TmuxAgent.Host.Web.Portal;
using TmuxAgent.Tests.Host;

namespace TmuxAgent.Tests.Web;

/// <summary>
/// Wrong approval tokens over real HTTP: after <see cref="TokenGuard.FreeFailures"/> in a row a client is shut out
/// (429 with Retry-After, 1 s then doubling) without its tokens being checked; every wrong token is logged without the
/// token and counted in <c>orchestrator_portal_auth_failures_total</c>. A short token is refused when a listener is exposed.
/// </summary>
[Category("http")]
public class WrongTokenTests
{
    private const string Right = "right-token-0123456789abcdef";

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class Lines : ILoggerProvider, ILogger
    {
        public List<string> All { get; } = [];
        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (All) All.Add(formatter(state, exception));
        }
        public void Dispose() { }
    }

    private static async Task<HttpStatusCode> GetAsync(HttpClient http, Uri portal, string? token, Action<HttpResponseMessage>? look = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(portal, "api/confirmations"));
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        look?.Invoke(response);
        return response.StatusCode;
    }

    [Test]
    public async Task After_five_wrong_tokens_a_client_gets_429_even_with_the_right_one_until_its_doubling_lockout_ends()
    {
        var clock = new ManualClock(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));
        var lines = new Lines();
        using var logs = LoggerFactory.Create(b => b.AddProvider(lines));
        var refused = 0;
        await using var portal = new PortalSurface(new ListenAddress("127.0.0.1", 0), false, ApprovalToken.Of(Right), new OrchestratorStatus(),
            new ApprovalInbox(), () => [], logs, new WebMetrics()) { Time = clock, TokenRefused = () => refused++ };
        await portal.StartAsync(CancellationToken.None);
        using var http = new HttpClient();
        var url = portal.Url!;

        (await GetAsync(http, url, null)).Should().Be(HttpStatusCode.Unauthorized);
        for (var i = 1; i <= TokenGuard.FreeFailures; i++) (await GetAsync(http, url, $"guess-{i}")).Should().Be(HttpStatusCode.Unauthorized);
        (await GetAsync(http, url, Right)).Should().Be(HttpStatusCode.OK, "five wrong tokens cost nothing, and the right one ends the series");

        for (var i = 1; i <= TokenGuard.FreeFailures + 1; i++) (await GetAsync(http, url, $"guess-{i}")).Should().Be(HttpStatusCode.Unauthorized);
        string? retry = null;
        (await GetAsync(http, url, Right, r => retry = r.Headers.RetryAfter?.ToString())).Should().Be(HttpStatusCode.TooManyRequests);
        retry.Should().Be("1");
        clock.Now += TimeSpan.FromSeconds(1);
        (await GetAsync(http, url, "guess-7")).Should().Be(HttpStatusCode.Unauthorized);
        (await GetAsync(http, url, Right, r => retry = r.Headers.RetryAfter?.ToString())).Should().Be(HttpStatusCode.TooManyRequests, "shut out: not even the right token is checked");
        retry.Should().Be("2", "the lockout doubles");
        clock.Now += TimeSpan.FromSeconds(2);
        (await GetAsync(http, url, Right)).Should().Be(HttpStatusCode.OK);

        refused.Should().Be(12, "every wrong token is counted; a missing one is not");
        var failures = lines.All.Where(l => l.Contains("wrong approval token")).ToList();
        failures.Should().HaveCount(12).And.OnlyContain(l => l.Contains("127.0.0.1"));
        failures.Should().Contain(l => l.Contains("(7 in a row)"));
        lines.All.Should().NotContain(l => l.Contains("guess-") || l.Contains(Right), "tokens, right or wrong, are never logged");
        await portal.StopAsync(CancellationToken.None);
    }

    [Test]
    [Category("tmux")]
    public async Task The_daemon_counts_wrong_tokens_in_its_metrics()
    {
        await using var h = await DaemonHarness.StartAsync(DaemonHarness.Task("demo/beta"), _ => new Decision("idle", []), "agent-demo-beta");

        (await h.PostAsync(DaemonHarness.Body("demo/beta", "cmd-x", "approve"), "wrong-token")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await h.PostAsync(DaemonHarness.Body("demo/beta", "cmd-x", "approve"), "another-wrong-one")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        (await h.Http.GetStringAsync(new Uri(h.DashboardUrl, "metrics"))).Should().Contain($"{MetricNames.PortalAuthFailures} 2");
    }

    private static ListenerSettings Listeners(string dashboardHost, string portalHost) =>
        new(null, "0.0.0.0", 8702, dashboardHost, 8787, portalHost, null, ConfigPath: ".tmuxagent/orchestrator.toml");

    [TestCase("127.0.0.1", "0.0.0.0", "portal_host")]
    [TestCase("0.0.0.0", "127.0.0.1", "dashboard_host")]
    [TestCase("192.168.1.20", "::", "portal_host")]
    public void A_token_shorter_than_16_characters_is_refused_when_a_listener_is_not_on_loopback(string dashboard, string portal, string key)
    {
        var act = () => WebSurfaces.Check(Listeners(dashboard, portal), environmentToken: "fifteen-chars-x");

        act.Should().Throw<ConfigException>().Which.Errors.Single().ToString()
            .Should().StartWith($".tmuxagent/orchestrator.toml: {key}:").And.Contain("15 characters").And.Contain("at least 16").And.NotContain("fifteen-chars-x");
        WebSurfaces.Check(Listeners(dashboard, portal), environmentToken: "sixteen-chars-xx")!.Length.Should().Be(16);
        WebSurfaces.Check(Listeners("127.0.0.1", "::1"), environmentToken: "short")!.Matches("short").Should().BeTrue("loopback only: any token");
    }

    [Test]
    [NonParallelizable]
    public async Task The_command_line_exits_2_with_a_short_token_file_and_an_exposed_portal()
    {
        Assume.That(Environment.GetEnvironmentVariable(ApprovalToken.EnvironmentVariable), Is.Null.Or.Empty);
        using var dir = new TempDir();
        dir.File(".tmuxagent/token", "short-secret\n");
        var toml = dir.File(".tmuxagent/orchestrator.toml", "portal_host = \"0.0.0.0\"\napproval_token_file = \"token\"\n[codex]\nbin = \"/bin/sh\"\n[[tasks]]\nbranch = \"demo/a\"\nphases = [\"planning\", \"done\"]\n");
        var (code, stderr) = await PortalExposureCliTests.RunAsync(toml, dir["state.db"]);

        code.Should().Be(ExitCodes.BadConfig);
        stderr.Should().Contain("portal_host").And.Contain("12 characters").And.Contain("at least 16").And.NotContain("short-secret");
        File.Exists(dir["state.db"]).Should().BeFalse("nothing started");
    }
}
