using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Serialization;
using TmuxAgent.Core.Store;
using TmuxAgent.Host;
using TmuxAgent.Host.Cli;
using TmuxAgent.Config;
using TmuxAgent.Host.Config;
using TmuxAgent.Host.Decisions;
using TmuxAgent.Host.Hosting;
using TmuxAgent.Host.Web.Dashboard;
using TmuxAgent.Host.Web.Portal;
using TmuxAgent.Tests.Host;
using TmuxAgent.Tests.Host.Loop;

namespace TmuxAgent.Tests.Web;

/// <summary>
/// The real daemon (DaemonHost: loop + dashboard + portal) in-process, on a private tmux server, a temp folder
/// (SQLite store, LocalBus, audit log, token file 0600) and loopback ports picked by the OS.
/// </summary>
public sealed class DaemonHarness : IAsyncDisposable
{
    public TmuxServer Tmux { get; } = new();
    public TempDir Dir { get; } = new();
    public string Token { get; } = "tok-" + Guid.NewGuid().ToString("N");
    public IHost Host { get; private set; } = null!;
    public Uri DashboardUrl { get; private set; } = null!;
    public Uri PortalUrl { get; private set; } = null!;
    public PortalSurface Portal => Host.Services.GetRequiredService<PortalSurface>();
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    private (LoopSettings Settings, ListenerSettings Listeners, RunOptions Options) _build;

    public string AuditPath => Dir[".tmuxagent/logs/orchestrator-actions.jsonl"];
    public string StorePath => Dir["state/events.db"];

    /// <summary>Starts the daemon for <paramref name="tasksToml"/>; every branch is decided by <paramref name="decide"/>.
    /// <paramref name="sessions"/> are started first (bare shells).</summary>
    public static Task<DaemonHarness> StartAsync(string tasksToml, Func<DecisionContext, Decision> decide, params string[] sessions) =>
        StartAsync(tasksToml, decide, _ => { }, sessions);

    /// <summary>Like the other overload; <paramref name="beforeStart"/> gets the store path before the daemon starts.</summary>
    public static Task<DaemonHarness> StartAsync(string tasksToml, Func<DecisionContext, Decision> decide, Action<string> beforeStart, params string[] sessions) =>
        StartAsync(tasksToml, decide, beforeStart, l => l, sessions);

    /// <summary>Like the other overloads; <paramref name="listeners"/> adjusts the listener settings (public hosts, origins, …).</summary>
    public static async Task<DaemonHarness> StartAsync(string tasksToml, Func<DecisionContext, Decision> decide, Action<string> beforeStart,
        Func<ListenerSettings, ListenerSettings> listeners, params string[] sessions)
    {
        var h = new DaemonHarness();
        foreach (var s in sessions) h.Tmux.NewSession(s);
        var tokenFile = h.Dir.File("token", h.Token + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(tokenFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var config = OrchestratorConfigLoader.Parse(
            "poll_interval = 1.0\ncooldown_seconds = 0\nsession_cooldown_seconds = 0\ncommand_timeout_seconds = 0\n" + tasksToml,
            "orchestrator.toml", h.Dir["orchestrator.toml"]).Config;
        var agent = new AgentConfig
        {
            BusDir = h.Dir["bus"],
            Hosts = [new HostConfig("local", null, new TmuxHostConfig { Socket = h.Tmux.Socket, CaptureLines = 200 })],
        };
        var settings = new LoopSettings(config, agent, false, h.AuditPath, h.Dir["state/localbus-offsets.json"], new ScriptedSource(decide));
        // port 0: the OS picks a free loopback port; the surfaces report the real one
        var listenerSettings = listeners(new ListenerSettings(null, "127.0.0.1", 0, "127.0.0.1", 0, "127.0.0.1", tokenFile));
        var options = new RunOptions(null, h.Dir["orchestrator.toml"], false, null, null, LogLevel.Warning, false, false, h.StorePath);
        Directory.CreateDirectory(Path.GetDirectoryName(h.StorePath)!);
        beforeStart(h.StorePath);
        h._build = (settings, listenerSettings, options);
        await h.StartHostAsync();
        return h;
    }

    private async Task StartHostAsync()
    {
        Host = DaemonHost.Build(_build.Settings, _build.Listeners, _build.Options);
        await Host.StartAsync();
        DashboardUrl = Host.Services.GetRequiredService<DashboardSurface>().Url!;
        Portal.ApplyWait = TimeSpan.FromSeconds(30); // a loaded test machine may be slow; 202 has its own test
        PortalUrl = Portal.Url!;
    }

    /// <summary>Stops the daemon, runs <paramref name="whileStopped"/> (the store is closed then), and starts it again on
    /// the same store, tmux server and dashboard port (so an open page reconnects to the same address).</summary>
    public async Task RestartAsync(Func<Task> whileStopped)
    {
        var port = DashboardUrl.Port;
        await Host.StopAsync(TimeSpan.FromSeconds(5));
        Host.Dispose();
        await whileStopped();
        _build = _build with { Listeners = _build.Listeners with { DashboardPort = port } };
        await StartHostAsync();
    }

    public static string Task(string branch, string extra = "") =>
        $"[[tasks]]\nbranch = \"{branch}\"\ntitle = \"Task {branch}\"\nresponsible = \"ops\"\nphases = [\"planning\", \"build\", \"done\"]\n{extra}\n";

    /// <summary>GET <c>/api/orchestrator</c> on the dashboard.</summary>
    public async Task<JsonObject> OrchestratorAsync() =>
        JsonNode.Parse(await Http.GetStringAsync(new Uri(DashboardUrl, "api/orchestrator")))!.AsObject();

    /// <summary>The branch's entry of <c>/api/orchestrator</c>.</summary>
    public async Task<JsonObject> BranchAsync(string branch) =>
        (await OrchestratorAsync())["branches"]!.AsArray().Single(b => (string)b!["branch"]! == branch)!.AsObject();

    /// <summary>Waits until the branch has a pending confirmation; returns its id.</summary>
    public async Task<string> PendingIdAsync(string branch, double seconds = 20)
    {
        string? id = null;
        var found = await TmuxServer.WaitFor(() =>
        {
            var pending = BranchAsync(branch).GetAwaiter().GetResult()["pending"]!.AsArray();
            id = pending.Count > 0 ? (string)pending[0]!["id"]! : null;
            return id is not null;
        }, seconds);
        found.Should().BeTrue($"{branch} should ask for approval");
        return id!;
    }

    /// <summary>POST <c>/api/confirmations</c> with <paramref name="json"/> and the given token (null: no header).</summary>
    public async Task<HttpResponseMessage> PostAsync(string json, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(PortalUrl, "api/confirmations"))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await Http.SendAsync(request);
    }

    public static string Body(string branch, string id, string action, string? comment = null) =>
        new JsonObject { ["branch"] = branch, ["id"] = id, ["action"] = action, ["comment"] = comment }.ToJsonString();

    /// <summary>Every event of <paramref name="branch"/> in the SQLite store.</summary>
    public async Task<IReadOnlyList<BranchEvent>> EventsAsync(string branch)
    {
        var store = Host.Services.GetRequiredService<IEventStore>();
        var stored = await store.ReadStreamAsync(StreamName.ForBranch(branch), 0, int.MaxValue, CancellationToken.None);
        return stored.Select(EventSerializer.FromStored).ToList();
    }

    public string AuditText() => File.Exists(AuditPath) ? File.ReadAllText(AuditPath) : "";

    public async ValueTask DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.StopAsync(TimeSpan.FromSeconds(5));
            Host.Dispose();
        }
        Http.Dispose();
        Tmux.Dispose();
        Dir.Dispose();
    }
}
