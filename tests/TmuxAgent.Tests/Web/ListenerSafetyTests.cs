using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using TmuxAgent.Host.Cli;
using TmuxAgent.Config;
using TmuxAgent.Host.Hosting;
using TmuxAgent.Host.Observers;
using TmuxAgent.Host.Web;
using TmuxAgent.Host.Web.Dashboard;
using TmuxAgent.Host.Web.Portal;
using TmuxAgent.Tests.Host;

namespace TmuxAgent.Tests.Web;

/// <summary>What the host refuses to expose, and where the listeners go.</summary>
public class ListenerSafetyTests
{
    private static ListenerSettings Portal(string host, string? tokenFile = null) =>
        new(null, "0.0.0.0", 8702, "127.0.0.1", 8787, host, tokenFile, ConfigPath: ".tmuxagent/orchestrator.toml");

    [TestCase("0.0.0.0")]
    [TestCase("::")]
    [TestCase("192.168.1.20")]
    public void A_portal_on_a_non_loopback_address_without_a_token_is_refused(string host)
    {
        var act = () => WebSurfaces.Check(Portal(host), environmentToken: null);

        act.Should().Throw<ConfigException>().Which.Errors.Single().ToString()
            .Should().StartWith(".tmuxagent/orchestrator.toml: portal_host:").And.Contain("no approval token");
    }

    [TestCase("127.0.0.1")]
    [TestCase("localhost")]
    [TestCase("::1")]
    public void A_loopback_portal_may_start_without_a_token(string host) =>
        WebSurfaces.Check(Portal(host), environmentToken: null).Should().BeNull();

    [Test]
    public void A_token_from_the_environment_or_the_file_allows_any_address()
    {
        using var dir = new TempDir();
        var file = dir.File("token", "from-file-0123456789\n");

        WebSurfaces.Check(Portal("0.0.0.0"), "from-env-0123456789")!.Matches("from-env-0123456789").Should().BeTrue();
        WebSurfaces.Check(Portal("0.0.0.0", file), null)!.Matches("from-file-0123456789").Should().BeTrue();
        WebSurfaces.Check(Portal("0.0.0.0", file), "from-env-0123456789")!.Matches("from-file-0123456789").Should().BeFalse("the variable wins over the file");
    }

    [Test]
    public void A_missing_or_empty_token_file_is_a_configuration_error()
    {
        using var dir = new TempDir();
        var empty = dir.File("empty", "\n");

        var missing = () => WebSurfaces.Check(Portal("127.0.0.1", dir["nope"]), null);
        var blank = () => WebSurfaces.Check(Portal("127.0.0.1", empty), null);

        missing.Should().Throw<ConfigException>().Which.Message.Should().Contain("approval_token_file").And.Contain("cannot read");
        blank.Should().Throw<ConfigException>().Which.Message.Should().Contain("is empty");
    }

    [Test]
    public void The_token_is_compared_exactly()
    {
        var t = ApprovalToken.Of("s3cret");

        t.Authorizes("Bearer s3cret").Should().BeTrue();
        t.Authorizes("bearer s3cret").Should().BeTrue();
        t.Authorizes("Bearer s3cret2").Should().BeFalse();
        t.Authorizes("Bearer S3cret").Should().BeFalse();
        t.Authorizes("Basic s3cret").Should().BeFalse();
        t.Authorizes("").Should().BeFalse();
        t.Authorizes(null).Should().BeFalse();
    }

    [Test]
    public void Ports_default_to_8702_and_8787_on_loopback_the_command_line_wins_and_0_turns_a_listener_off()
    {
        var config = OrchestratorConfigLoader.Parse("poll_interval = 1.0\n", "orchestrator.toml", "/tmp/x/orchestrator.toml").Config;
        var options = new RunOptions(null, "orchestrator.toml", false, null, null, Microsoft.Extensions.Logging.LogLevel.Information, false, false, "x.db");

        var defaults = ListenerSettings.From(config, options);
        var overridden = ListenerSettings.From(config with { DashboardPort = 9000 }, options with { DashboardPort = 9100, PortalPort = 0 });

        (defaults.DashboardPort, defaults.DashboardHost, defaults.PortalPort, defaults.PortalHost).Should().Be((8702, "127.0.0.1", 8787, "127.0.0.1"));
        defaults.DashboardPortDefaulted.Should().BeTrue();
        (overridden.DashboardPort, overridden.PortalPort, overridden.DashboardPortDefaulted).Should().Be((9100, (int?)null, false));
    }

    [Category("http")]
    [TestCase(true)]
    [TestCase(false)]
    public async Task A_port_in_use_disables_a_defaulted_surface_and_fails_a_configured_one(bool defaulted)
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        await using var dashboard = new DashboardSurface(new ListenAddress("127.0.0.1", port), defaulted, new OrchestratorStatus(), "done",
            () => null, [], TimeProvider.System, NullLoggerFactory.Instance, new WebMetrics());

        var start = () => dashboard.StartAsync(CancellationToken.None);

        if (defaulted)
        {
            await start.Should().NotThrowAsync();
            dashboard.Url.Should().BeNull();
        }
        else
        {
            (await start.Should().ThrowAsync<IOException>()).Which.Message.Should().Contain($"dashboard: cannot listen on 127.0.0.1:{port}").And.Contain("dashboard_port");
        }
    }

    [Category("http")]
    [Test]
    public async Task Metrics_write_every_registered_export_before_the_web_metrics()
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        Prometheus.Metrics.WithCustomRegistry(registry).CreateGauge("orchestrator_queue_size", "queued", "branch").WithLabels("demo/a").Set(3);
        await using var dashboard = new DashboardSurface(new ListenAddress("127.0.0.1", 0), false, new OrchestratorStatus(), "done",
            () => null, [new RegistryExport(registry)], TimeProvider.System, NullLoggerFactory.Instance, new WebMetrics());
        await dashboard.StartAsync(CancellationToken.None);
        using var http = new HttpClient();

        (await http.GetStringAsync(new Uri(dashboard.Url!, "api/orchestrator"))).Should().Contain("\"branches\":[]");
        using var r = await http.GetAsync(new Uri(dashboard.Url!, "metrics"));
        var text = await r.Content.ReadAsStringAsync();

        r.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
        text.Should().Contain("orchestrator_queue_size{branch=\"demo/a\"} 3");
        text.Should().Contain("tmuxagent_http_requests_total{surface=\"dashboard\",route=\"/api/orchestrator\",code=\"200\"} 1");
        text.IndexOf("orchestrator_queue_size", StringComparison.Ordinal).Should().BeLessThan(text.IndexOf("tmuxagent_http_requests_total", StringComparison.Ordinal));
        await dashboard.StopAsync(CancellationToken.None);
    }
}
