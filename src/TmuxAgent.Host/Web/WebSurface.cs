using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TmuxAgent.Host.Web;

/// <summary>
/// One HTTP listener of the daemon (dashboard or portal): its own small ASP.NET Core app on Kestrel, on its own port,
/// started and stopped with the daemon. A port in use is fatal when the port was configured, and only disables the
/// surface (with a warning) when it was the default.
/// </summary>
public abstract class WebSurface(string name, ListenAddress address, bool optional, ILoggerFactory logs, WebMetrics metrics) : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>The surface's name (<c>dashboard</c>, <c>portal</c>).</summary>
    public string Name { get; } = name;

    /// <summary>The URL it listens on once started (with the real port when 0 was asked for); null while stopped.</summary>
    public Uri? Url { get; private set; }

    /// <summary>Shared web metrics.</summary>
    protected WebMetrics Metrics { get; } = metrics;

    /// <summary>The logger of this surface.</summary>
    protected ILogger Log { get; } = logs.CreateLogger(name);

    /// <summary><c>public_hosts</c>: <c>Host</c> names answered besides loopback names and the bound address.</summary>
    public IReadOnlyList<string> PublicHosts { get; init; } = [];

    /// <summary>Longest request body accepted (64 KiB; an approval is a few hundred bytes): Kestrel stops reading there and the
    /// request is answered 413.</summary>
    public const int MaxRequestBodyBytes = 64 * 1024;

    /// <summary>Adds the surface's endpoints.</summary>
    protected abstract void Map(WebApplication app);

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, Args = [] });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(logs);
        builder.WebHost.UseKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            foreach (var ip in address.Addresses()) k.Listen(new IPEndPoint(ip, address.Port));
        });
        var app = builder.Build();
        var hosts = new HostAllowList(address.Host, PublicHosts);
        app.Use(async (context, next) =>
        {
            if (await hosts.AdmitAsync(context)) await next(context);
            Metrics.Request(Name, context);
        });
        Map(app);
        try { await app.StartAsync(ct); }
        catch (IOException e)
        {
            await app.DisposeAsync();
            var message = $"{Name}: cannot listen on {address}: {e.Message}";
            if (!optional) throw new IOException(message + $" (set {Name}_port or --{Name}-port; 0 turns the {Name} off)", e);
            Log.LogWarning("{Message}; the {Name} is off (set {Name}_port to choose another port)", message, Name, Name);
            return;
        }
        _app = app;
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Url = new Uri(bound.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "[::1]", StringComparison.Ordinal) + "/");
        Log.LogInformation("{Name} listening on {Url}", Name, bound);
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken ct)
    {
        if (_app is null) return;
        await _app.StopAsync(ct);
        await _app.DisposeAsync();
        _app = null;
        Url = null;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        _app = null;
        GC.SuppressFinalize(this);
    }

    /// <summary>A JSON problem answer <c>{"error": message}</c> with <paramref name="status"/>.</summary>
    protected static IResult Problem(int status, string message) => ProblemAnswer.Result(status, message);
}
