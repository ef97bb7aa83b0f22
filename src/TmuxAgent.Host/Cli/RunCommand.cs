using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using TmuxAgent.Core.Store.Sqlite;
using TmuxAgent.Host.Audit;
using TmuxAgent.Config;
using TmuxAgent.Host.Config;
using TmuxAgent.Host.Hosting;
using TmuxAgent.Host.Observers;
using TmuxAgent.Host.Store;

namespace TmuxAgent.Host.Cli;

/// <summary>The root command: <c>--check-config</c>, <c>--once</c>, or the daemon.</summary>
public static class RunCommand
{
    /// <summary>Runs with <paramref name="o"/>; returns the exit code.</summary>
    public static async Task<int> RunAsync(RunOptions o, CancellationToken ct)
    {
        LoadedConfiguration loaded;
        try { loaded = LoadedConfiguration.Load(o.OrchestratorConfig, o.Config); }
        catch (ConfigException e)
        {
            foreach (var w in e.Warnings) await Console.Error.WriteLineAsync("warning: " + w);
            foreach (var err in e.Errors) await Console.Error.WriteLineAsync(err.ToString());
            return ExitCodes.BadConfig;
        }
        foreach (var w in loaded.Warnings) await Console.Error.WriteLineAsync("warning: " + w);
        if (!o.StoreGiven && loaded.Orchestrator.Store is { } configured) o = o with { Store = configured };

        if (o.CheckConfig)
        {
            foreach (var m in loaded.MissingFiles) await Console.Error.WriteLineAsync("warning: " + m);
            ConfigReport.Print(Console.Out, loaded, o);
            return ExitCodes.Ok;
        }
        if (loaded.MissingFiles.Count > 0)
        {
            foreach (var m in loaded.MissingFiles) await Console.Error.WriteLineAsync(m.ToString());
            return ExitCodes.BadConfig;
        }

        var settings = SettingsFor(loaded, o);
        try
        {
            if (o.Once) return await OnceAsync(settings, o, ct);
            var listeners = ListenerSettings.From(loaded.Orchestrator, o);
            WebSurfaces.Check(listeners);
            return await DaemonHost.RunAsync(settings, listeners, o);
        }
        catch (ConfigException e)
        {
            foreach (var err in e.Errors) await Console.Error.WriteLineAsync(err.ToString());
            return ExitCodes.BadConfig;
        }
        catch (OperationCanceledException) { return ExitCodes.Ok; }
        catch (Exception e) when (e is SqliteStoreException or Core.Store.Postgres.PostgresStoreException)
        {
            // The store cannot be opened (corrupt, not a database, read-only, locked): one clear line, exit 1, no stack trace.
            await Console.Error.WriteLineAsync("tmux-agent-orchestrator: cannot use the event store: " + e.Message);
            return ExitCodes.Failed;
        }
    }

    /// <summary>The loop settings for a run in the current working directory.</summary>
    public static LoopSettings SettingsFor(LoadedConfiguration loaded, RunOptions o) => new(
        loaded.Orchestrator, loaded.Agent, o.DryRun || loaded.Orchestrator.DryRun,
        Path.GetFullPath(AuditSync.DefaultPath),
        StoreFactory.BusOffsetFile(o.Store),
        HostId: o.HostId);

    /// <summary><c>--once</c>: one cycle for every branch, no listeners; SIGTERM/Ctrl-C end it early with 0.</summary>
    private static async Task<int> OnceAsync(LoopSettings settings, RunOptions o, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        using var intr = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
        using var logs = Logging.Factory(o.LogLevel);
        var store = StoreFactory.Open(o.Store);
        var leases = StoreFactory.OpenLeases(o.Store);
        try
        {
            var loop = new OrchestratorLoop(settings, store, [], new ApprovalInbox(), logs.CreateLogger("orchestrator"), leases: leases);
            await loop.LoadAsync(stop.Token);
            try { await loop.RunCycleAsync(stop.Token); }
            finally { await loop.StopAsync(); }
            return ExitCodes.Ok;
        }
        catch (OperationCanceledException) { return ExitCodes.Ok; }
        catch (Exception e)
        {
            logs.CreateLogger("orchestrator").LogError(e, "run failed");
            return ExitCodes.Failed;
        }
        finally
        {
            (leases as IDisposable)?.Dispose();
            (store as IDisposable)?.Dispose();
        }
    }
}
