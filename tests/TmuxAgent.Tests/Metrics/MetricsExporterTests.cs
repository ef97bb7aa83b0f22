using System.Net.Sockets;
using TmuxAgent.Host.Metrics;

namespace TmuxAgent.Tests.Metrics;

[Category("http")]
public class MetricsExporterTests
{
    [Test]
    public async Task Serves_the_registry_at_the_root_and_at_metrics()
    {
        await using var h = await MetricsHarness.StartAsync();
        await h.FeedAsync(new BranchEventBuilder("weather/bot").Queued("c1"));

        var root = await h.ScrapeAsync("/");
        var metrics = await h.ScrapeAsync("/metrics");

        root.Value(MetricNames.QueueSize, ("branch", "weather/bot")).Should().Be(1);
        root.Text.Should().Be(metrics.Text);
    }

    [Test]
    public async Task Binds_all_interfaces_by_default_and_is_reachable_on_loopback()
    {
        var metrics = new OrchestratorMetrics(Prometheus.Metrics.NewCustomRegistry());
        await using var exporter = new MetricsExporter(metrics.Registry, port: 0);
        exporter.Host.Should().Be("0.0.0.0");

        await exporter.StartAsync();

        exporter.Port.Should().BePositive();
        exporter.MetricsUri.Host.Should().Be("127.0.0.1");
        (await Exposition.ScrapeAsync(exporter.MetricsUri)).TypeOf(MetricNames.CommandsTotal).Should().Be("counter");
    }

    [Test]
    public async Task Stop_releases_the_port_and_start_is_not_repeated()
    {
        var metrics = new OrchestratorMetrics(Prometheus.Metrics.NewCustomRegistry());
        var exporter = new MetricsExporter(metrics.Registry, port: 0, host: "127.0.0.1");
        await exporter.StartAsync();
        var act = () => exporter.StartAsync();
        await act.Should().ThrowAsync<InvalidOperationException>();

        await exporter.StopAsync();
        await exporter.StopAsync();

        exporter.IsRunning.Should().BeFalse();
        using var client = new TcpClient();
        var connect = () => client.ConnectAsync("127.0.0.1", exporter.Port);
        await connect.Should().ThrowAsync<SocketException>();
    }

    [Test]
    public async Task A_taken_port_is_reported_at_start()
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        await using var first = new MetricsExporter(registry, port: 0, host: "127.0.0.1");
        await first.StartAsync();
        await using var second = new MetricsExporter(registry, port: first.Port, host: "127.0.0.1");

        var act = () => second.StartAsync();

        await act.Should().ThrowAsync<IOException>();
    }
}
