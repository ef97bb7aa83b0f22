using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace TmuxAgent.Host.Metrics;

/// <summary>
/// Serves a <see cref="CollectorRegistry"/> over HTTP at <c>/</c> and <c>/metrics</c> (as the original's
/// <c>start_http_server</c> did), on <c>metrics_host</c>:<c>metrics_port</c>. A small Kestrel app using
/// prometheus-net's own exposition middleware; port 0 picks a free port (see <see cref="Port"/>).
/// </summary>
public sealed class MetricsExporter : IAsyncDisposable
{
    /// <summary>The guide's default bind address.</summary>
    public const string DefaultHost = "0.0.0.0";

    private readonly CollectorRegistry _registry;
    private WebApplication? _app;

    /// <summary>An exporter of <paramref name="registry"/> on <paramref name="host"/>:<paramref name="port"/>; nothing listens before <see cref="StartAsync"/>.</summary>
    public MetricsExporter(CollectorRegistry registry, int port, string host = DefaultHost)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        _registry = registry;
        Host = string.IsNullOrWhiteSpace(host) ? DefaultHost : host;
        Port = port;
    }

    /// <summary>The bind address (an IP address, <c>localhost</c> or a host name).</summary>
    public string Host { get; }

    /// <summary>The port; after <see cref="StartAsync"/> the one actually bound (useful with port 0).</summary>
    public int Port { get; private set; }

    /// <summary>True between <see cref="StartAsync"/> and <see cref="StopAsync"/>.</summary>
    public bool IsRunning => _app is not null;

    /// <summary>Where the metrics can be scraped from this machine, e.g. <c>http://127.0.0.1:9108/metrics</c>.</summary>
    public Uri MetricsUri => new($"http://{ReachableHost}:{Port}/metrics");

    /// <summary>Starts listening. Throws <see cref="IOException"/> when the address is taken.</summary>
    public async Task StartAsync(CancellationToken ct = default)
    {
        if (_app is not null) throw new InvalidOperationException("The metrics exporter is already running.");
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => Listen(o));
        var app = builder.Build();
        app.MapMetrics("/metrics", _registry);
        app.MapMetrics("/", _registry);
        await app.StartAsync(ct).ConfigureAwait(false);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (bound is not null) Port = new Uri(bound.Replace("*", "localhost").Replace("+", "localhost")).Port;
        _app = app;
    }

    /// <summary>Stops listening (idempotent).</summary>
    public async Task StopAsync(CancellationToken ct = default)
    {
        var app = Interlocked.Exchange(ref _app, null);
        if (app is null) return;
        await app.StopAsync(ct).ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => new(StopAsync());

    private void Listen(Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions o)
    {
        if (IPAddress.TryParse(Host.Trim('[', ']'), out var ip)) o.Listen(ip, Port);
        else if (Host == "localhost") o.Listen(IPAddress.Loopback, Port);
        else o.Listen(Dns.GetHostAddresses(Host).FirstOrDefault()
            ?? throw new ArgumentException($"metrics_host: cannot resolve \"{Host}\""), Port);
    }

    private string ReachableHost => Host switch
    {
        "0.0.0.0" or "localhost" => "127.0.0.1",
        "::" or "[::]" => "[::1]",
        _ when IPAddress.TryParse(Host.Trim('[', ']'), out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 => $"[{ip}]",
        _ => Host,
    };
}
