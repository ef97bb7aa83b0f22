using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;
using TmuxAgent.Core.Store;
using TmuxAgent.Core.Store.Leases;
using TmuxAgent.Host.Cli;
using TmuxAgent.Host.Observers;
using TmuxAgent.Host.Store;

namespace TmuxAgent.Host.Hosting;

/// <summary>The daemon on the .NET generic host: the loop as a hosted service plus the web surfaces; SIGTERM/SIGINT stop it within 5 s.</summary>
public static class DaemonHost
{
    /// <summary>Builds the host (without running it).</summary>
    public static IHost Build(LoopSettings settings, ListenerSettings listeners, RunOptions o)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true, ContentRootPath = Directory.GetCurrentDirectory(),
        });
        Logging.Configure(builder.Logging, o.LogLevel);
        builder.Services.Configure<HostOptions>(h => h.ShutdownTimeout = TimeSpan.FromSeconds(4));
        builder.Services.Configure<ConsoleLifetimeOptions>(c => c.SuppressStatusMessages = true);
        builder.Services.AddSingleton<IHostLifetime, ConsoleLifetime>();
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(listeners);
        builder.Services.AddSingleton<IEventStore>(_ => StoreFactory.Open(o.Store));
        builder.Services.AddSingleton<IEventReader>(sp => sp.GetRequiredService<IEventStore>());
        builder.Services.AddSingleton(_ => StoreFactory.OpenLeases(o.Store));
        builder.Services.AddSingleton<OrchestratorStatus>();
        builder.Services.AddSingleton<IOrchestratorObserver>(sp => sp.GetRequiredService<OrchestratorStatus>());
        builder.Services.AddSingleton<Web.Dashboard.Branches.StoreTail>();   // after the status: a woken stream reads a board that has the event
        builder.Services.AddSingleton<IOrchestratorObserver>(sp => sp.GetRequiredService<Web.Dashboard.Branches.StoreTail>());
        builder.Services.AddSingleton<ApprovalInbox>();
        builder.Services.AddSingleton(sp =>
        {
            sp.GetRequiredService<OrchestratorStatus>().Configure(settings.Config.Tasks, settings.DryRun, DateTimeOffset.UtcNow);
            return new OrchestratorLoop(settings, sp.GetRequiredService<IEventStore>(), sp.GetServices<IOrchestratorObserver>(),
                sp.GetRequiredService<ApprovalInbox>(), sp.GetRequiredService<ILoggerFactory>().CreateLogger("orchestrator"),
                leases: sp.GetRequiredService<IBranchLeases>());
        });
        builder.Services.AddSingleton<OrchestratorService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OrchestratorService>());
        WebSurfaces.Add(builder.Services, listeners);
        return builder.Build();
    }

    /// <summary>Runs until SIGTERM/SIGINT (exit 0) or a failure of the loop (exit 1).</summary>
    public static async Task<int> RunAsync(LoopSettings settings, ListenerSettings listeners, RunOptions o)
    {
        using var host = Build(settings, listeners, o);
        var service = host.Services.GetRequiredService<OrchestratorService>();
        try { await host.RunAsync(); }
        catch (Exception) when (service.Failure is not null) { }
        catch (IOException e)
        {
            await Console.Error.WriteLineAsync("tmux-agent-orchestrator: " + e.Message);
            return ExitCodes.Failed;
        }
        return service.Failure is null ? ExitCodes.Ok : ExitCodes.Failed;
    }
}
