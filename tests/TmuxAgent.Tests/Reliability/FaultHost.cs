using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Serialization;
using TmuxAgent.Core.Store.Sqlite;
using TmuxAgent.Tests.Host;
using TmuxAgent.Tests.Host.Cli;
using TmuxAgent.Tests.Host.Loop;

namespace TmuxAgent.Tests.Reliability;

/// <summary>
/// The real host (built app) over a real tmux pane on a private socket, with its store folder <c>.tmuxagent/</c>
/// (SQLite store, audit log, LocalBus offsets) on a small tmpfs and LocalBus outside it. One branch, three plan phases;
/// the first two commands wait for a gate file, so the test decides when the host next has something to record.
/// </summary>
public sealed class FaultHost : IDisposable
{
    public const string Session = "agent-fault-a";

    public TempDir Dir { get; } = new();
    public TmuxServer Tmux { get; } = new();
    public Tmpfs Disk { get; }
    public int MetricsPort { get; } = LoopbackPort.Free();
    public HostProcess? Host { get; private set; }

    public string Db => Dir[".tmuxagent/events.db"];
    public string AuditLog => Dir[".tmuxagent/logs/orchestrator-actions.jsonl"];
    public string Notifications => File.Exists(Dir["bus/notifications.jsonl"]) ? File.ReadAllText(Dir["bus/notifications.jsonl"]) : "";

    public FaultHost(int megabytes = 8)
    {
        Disk = Tmpfs.MountOrIgnore(Dir[".tmuxagent"], megabytes);
        Tmux.NewSession(Session);
        Dir.File("agent-config.yaml", $"bus_dir: {Dir["bus"]}\nnotify: local_bus\nhosts:\n  - name: local\n    tmux:\n      socket: {Tmux.Socket}\n      capture_lines: 500\n");
        Dir.File("orchestrator.toml", $$"""
            poll_interval = 0.3
            cooldown_seconds = 0
            session_cooldown_seconds = 0
            command_timeout_seconds = 120
            stall_timeout_seconds = 600
            decision_source = "plan"
            dashboard_port = 0
            portal_port = 0

            [[tasks]]
            branch = "fault/a"
            phases = ["one", "two", "three", "done"]
            [tasks.plan]
            one = ["echo mark-1-$((40+2)); while [ ! -e {{Dir["gate1"]}} ]; do sleep 0.2; done"]
            two = ["echo mark-2-$((40+2)); while [ ! -e {{Dir["gate2"]}} ]; do sleep 0.2; done"]
            three = ["echo mark-3-$((40+2))"]
            """);
    }

    /// <summary>Starts the host (a previous, exited one is disposed).</summary>
    public HostProcess Start()
    {
        Host?.Dispose();
        return Host = new HostProcess(Dir.Path, "--config", Dir["agent-config.yaml"], "--orchestrator-config", Dir["orchestrator.toml"],
        "--store", Db, "--metrics-port", MetricsPort.ToString(CultureInfo.InvariantCulture), "--metrics-host", "127.0.0.1");
    }

    /// <summary>SIGTERM and the exit code (null: did not exit within 20 s).</summary>
    public int? Stop()
    {
        if (Host is null) return null;
        using (var term = Process.Start("kill", ["-TERM", Host.Pid.ToString(CultureInfo.InvariantCulture)])) term.WaitForExit();
        var code = Host.WaitForExit(20);
        Host.Dispose();
        Host = null;
        return code;
    }

    public void Open(int gate) => File.WriteAllText(Dir["gate" + gate], "");

    /// <summary>How many lines of the pane's whole history are exactly <c>mark-N-42</c> (the command's output, not its echo).</summary>
    public int Ran(int mark) =>
        Tmux.Run(["capture-pane", "-p", "-J", "-t", "=" + Session + ":", "-S", "-"]).Split('\n').Count(l => l.TrimEnd() == $"mark-{mark}-42");

    public Task<bool> WaitUntilRan(int mark, double seconds = 60) => TmuxServer.WaitFor(() => Ran(mark) >= 1, seconds);

    /// <summary>Waits until the host's log says the store failed at least <paramref name="times"/> times (cycles, not seconds).</summary>
    public Task<bool> WaitForStoreFailures(int times, double seconds = 60) =>
        TmuxServer.WaitFor(() => Count(Host!.StdErr, "event store failed") >= times, seconds);

    /// <summary>A sample of the host's Prometheus exporter (null when the series is absent).</summary>
    public async Task<double?> Metric(string name)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var text = await http.GetStringAsync($"http://127.0.0.1:{MetricsPort}/metrics");
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(name + " ", StringComparison.Ordinal));
        return line is null ? null : double.Parse(line[(name.Length + 1)..], CultureInfo.InvariantCulture);
    }

    public async Task<bool> WaitForMetric(string name, double value, double seconds = 30)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < until)
        {
            try { if (await Metric(name) == value) return true; }
            catch (HttpRequestException) { }
            await Task.Delay(200);
        }
        return false;
    }

    /// <summary>After the host stopped: every command ran once and was dispatched once, and the audit log mirrors the store
    /// line for line (no torn, duplicated or missing line, though the disk was full or the file damaged meanwhile).</summary>
    public async Task VerifyRecordedOnce(int commands)
    {
        for (var m = 1; m <= commands; m++) Ran(m).Should().Be(1, $"mark-{m}-42 runs exactly once");
        using var store = SqliteEventStore.Open(Db);
        var stored = await store.ReadAllAsync(0, int.MaxValue);
        var dispatched = stored.Select(EventSerializer.FromStored).OfType<CommandDispatched>().ToList();
        dispatched.Should().HaveCount(commands, "every command typed was recorded before it was typed, once");
        dispatched.Select(d => d.CommandId).Should().OnlyHaveUniqueItems();
        var lines = File.ReadAllLines(AuditLog).Where(l => l.Length > 0).ToList();
        var seqs = lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("seq").GetInt64()).ToList();
        seqs.Should().Equal(stored.Select(e => e.Position), "the audit log caught up with the store, in order, without duplicates");
    }

    public static int Count(string s, string needle) => s.Split(needle).Length - 1;

    public void Dispose()
    {
        Host?.Dispose();
        Tmux.Dispose();
        Disk.Dispose();
        Dir.Dispose();
    }
}
