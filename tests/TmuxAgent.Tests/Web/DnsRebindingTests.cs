using System.Net;
using System.Net.Http.Headers;
using TmuxAgent.Core.Commands;
using TmuxAgent.Config;
using TmuxAgent.Host.Config;
using TmuxAgent.Core.Branches;
using TmuxAgent.Host.Decisions;
using TmuxAgent.Tests.Host.Loop;

namespace TmuxAgent.Tests.Web;

/// <summary>
/// DNS rebinding and cross-origin calls, over real HTTP against the real daemon: both listeners answer only loopback
/// names, their bound address and <c>public_hosts</c>; the portal's CORS matches scheme, host and port exactly against
/// the dashboard's own loopback origins and <c>cors_origins</c>.
/// </summary>
[Category("http")]
[Category("tmux")]
public class DnsRebindingTests
{
    private const string Secret = "echo secret-pending-text";

    private static Task<DaemonHarness> StartAsync(Func<TmuxAgent.Host.Cli.ListenerSettings, TmuxAgent.Host.Cli.ListenerSettings>? listeners = null) =>
        DaemonHarness.StartAsync(DaemonHarness.Task("demo/beta"),
            _ => new Decision("risky", [CommandSpec.Of(Secret, "high")], RequiresConfirmation: true), _ => { }, listeners ?? (l => l), "agent-demo-beta");

    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(DaemonHarness h, Uri url, string host, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Host = host;
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await h.Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<HttpResponseMessage> PreflightAsync(DaemonHarness h, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, new Uri(h.PortalUrl, "api/confirmations"));
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
        return await h.Http.SendAsync(request);
    }

    [Test]
    public async Task A_forged_Host_gets_421_and_no_pending_command_from_either_listener()
    {
        await using var h = await StartAsync();
        await h.PendingIdAsync("demo/beta");
        var dashboard = new Uri(h.DashboardUrl, "api/orchestrator");
        var portal = new Uri(h.PortalUrl, "api/confirmations");

        foreach (var host in new[] { $"attacker.example:{h.DashboardUrl.Port}", "attacker.example", "127.0.0.1.attacker.example", "localhost.attacker.example:80" })
        {
            var (status, body) = await GetAsync(h, dashboard, host);
            status.Should().Be(HttpStatusCode.MisdirectedRequest, host);
            body.Should().NotContain("secret-pending").And.Contain("public_hosts");
            (await GetAsync(h, portal, host, h.Token)).Status.Should().Be(HttpStatusCode.MisdirectedRequest, host);
            (await GetAsync(h, new Uri(h.DashboardUrl, "/"), host)).Status.Should().Be(HttpStatusCode.MisdirectedRequest, "the page too");
        }
        foreach (var host in new[] { $"127.0.0.1:{h.DashboardUrl.Port}", $"localhost:{h.DashboardUrl.Port}", "LOCALHOST", $"[::1]:{h.DashboardUrl.Port}", "127.0.0.2" })
        {
            var (status, body) = await GetAsync(h, dashboard, host);
            status.Should().Be(HttpStatusCode.OK, host);
            body.Should().Contain("secret-pending");
        }
        (await GetAsync(h, portal, "localhost", h.Token)).Status.Should().Be(HttpStatusCode.OK);
        (await h.Http.GetStringAsync(new Uri(h.DashboardUrl, "metrics"))).Should().Contain("code=\"421\"", "refusals are counted");
    }

    [Test]
    public async Task A_host_name_in_public_hosts_is_answered_and_others_still_are_not()
    {
        await using var h = await StartAsync(l => l with { PublicHosts = ["approvals.example.org"] });
        await h.PendingIdAsync("demo/beta");

        (await GetAsync(h, new Uri(h.PortalUrl, "api/confirmations"), "approvals.example.org", h.Token)).Status.Should().Be(HttpStatusCode.OK);
        (await GetAsync(h, new Uri(h.DashboardUrl, "api/orchestrator"), "Approvals.Example.Org:443")).Status.Should().Be(HttpStatusCode.OK);
        (await GetAsync(h, new Uri(h.DashboardUrl, "api/orchestrator"), "evil.example.org")).Status.Should().Be(HttpStatusCode.MisdirectedRequest);
    }

    [Test]
    public async Task Cors_allows_only_exact_scheme_host_and_port_matches()
    {
        await using var h = await StartAsync(l => l with { CorsOrigins = ["https://dash.example.org:443"] });
        var dp = h.DashboardUrl.Port;

        foreach (var origin in new[] { $"http://127.0.0.1:{dp}", $"http://localhost:{dp}", "https://dash.example.org" })
        {
            using var ok = await PreflightAsync(h, origin);
            ok.Headers.TryGetValues("Access-Control-Allow-Origin", out var allowed).Should().BeTrue(origin);
            allowed.Should().Equal(origin);
        }
        foreach (var origin in new[] { $"http://attacker.example:{dp}", $"https://127.0.0.1:{dp}", $"http://127.0.0.1:{dp + 1}", "http://dash.example.org",
                     "https://dash.example.org:8443", "https://dash.example.org.attacker.example", "null", $"http://127.0.0.1:{dp}/x" })
        {
            using var refused = await PreflightAsync(h, origin);
            refused.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse(origin);
        }
    }

    [Test]
    public void No_origin_is_allowed_by_default_when_the_dashboard_is_off_or_not_on_loopback()
    {
        TmuxAgent.Host.Web.Portal.CrossOrigin.DashboardOrigins(null, dashboardOnLoopback: true).Should().BeEmpty();
        TmuxAgent.Host.Web.Portal.CrossOrigin.DashboardOrigins(8702, dashboardOnLoopback: false).Should().BeEmpty();
        TmuxAgent.Host.Web.Portal.CrossOrigin.DashboardOrigins(8702, dashboardOnLoopback: true)
            .Should().Equal("http://127.0.0.1:8702", "http://localhost:8702", "http://[::1]:8702");
    }

    [TestCase("public_hosts = [\"https://approvals.example.org\"]", "public_hosts")]
    [TestCase("public_hosts = [\"approvals.example.org:443\"]", "public_hosts")]
    [TestCase("public_hosts = [\"*\"]", "public_hosts")]
    [TestCase("cors_origins = [\"dash.example.org\"]", "cors_origins")]
    [TestCase("cors_origins = [\"https://dash.example.org/path\"]", "cors_origins")]
    [TestCase("cors_origins = [\"ftp://dash.example.org\"]", "cors_origins")]
    [TestCase("cors_origins = [\"*\"]", "cors_origins")]
    public void Bad_entries_are_configuration_errors_naming_file_line_and_key(string line, string key)
    {
        var act = () => OrchestratorConfigLoader.Parse("poll_interval = 1.0\n" + line + "\n", "orchestrator.toml", "/tmp/x/orchestrator.toml");
        act.Should().Throw<ConfigException>().Which.Errors.Single().ToString().Should().StartWith($"orchestrator.toml:2:").And.Contain(key + ":");
    }

    [Test]
    public void Good_entries_are_read_and_normalised()
    {
        var c = OrchestratorConfigLoader.Parse("public_hosts = [\"Approvals.Example.org\", \"10.0.0.5\"]\ncors_origins = [\"https://Dash.example.org\", \"http://10.0.0.5:8702\"]\n",
            "orchestrator.toml", "/tmp/x/orchestrator.toml").Config;
        c.PublicHosts.Should().Equal("approvals.example.org", "10.0.0.5");
        c.CorsOrigins.Should().Equal("https://dash.example.org:443", "http://10.0.0.5:8702");
    }
}
