using System.Text.Json.Nodes;
using TmuxAgent.Tests.Host;
using TmuxAgent.Tests.Host.Cli;
using TmuxAgent.Tests.Host.Loop;

namespace TmuxAgent.Tests.Agents.Fixtures;

/// <summary>
/// The real host process driving a real agent: a model server, a private tmux server with the agent in session
/// <c>agent-demo-AGENT</c>, a decision command that proposes <see cref="Prompts"/> one per decision (then nothing), and the
/// host with its dashboard on a free loopback port. Used by the end-to-end tests and bench/AgentDelivery.
/// </summary>
public sealed class AgentHostRun : IAsyncDisposable
{
    private AgentHostRun(string agent, ModelServer server, TmuxServer tmux, TempDir dir, AgentPane pane, IReadOnlyList<string> prompts)
    {
        Agent = agent;
        Server = server;
        Tmux = tmux;
        Dir = dir;
        Pane = pane;
        Prompts = prompts;
    }

    public string Agent { get; }
    public ModelServer Server { get; }
    public TmuxServer Tmux { get; }
    public TempDir Dir { get; }
    public AgentPane Pane { get; }
    public IReadOnlyList<string> Prompts { get; }
    public HostProcess Host { get; private set; } = null!;
    public int DashboardPort { get; private set; }
    public string Branch => "demo/" + Agent;
    public string AuditPath => Dir[".tmuxagent/logs/orchestrator-actions.jsonl"];

    /// <summary>Starts everything; the model thinks <paramref name="think"/> per prompt. <paramref name="taskExtra"/> goes into
    /// the task's table (e.g. <c>agent = "claude"</c>).</summary>
    public static async Task<AgentHostRun> StartAsync(string agent, IReadOnlyList<string> prompts, TimeSpan think, string taskExtra = "", double pollInterval = 1.0)
    {
        var server = await ModelServer.StartAsync();
        server.Delay = _ => think;
        var tmux = new TmuxServer();
        var dir = new TempDir();
        var work = Directory.CreateDirectory(dir["work"]).FullName;
        var home = agent == "codex" ? AgentHome.Codex(dir.Path, work, server.Url) : AgentHome.Claude(dir.Path, work, server.Url);
        var pane = AgentPane.Start(tmux, "agent-demo-" + agent, home);
        var run = new AgentHostRun(agent, server, tmux, dir, pane, prompts);
        (await pane.WaitForScreenAsync(AgentScreens.Idle(agent))).Should().BeTrue(pane.Screen());

        for (var i = 0; i < prompts.Count; i++)
            dir.File($"decisions/{i + 1}.json", new JsonObject
            {
                ["summary"] = $"prompt {i + 1}",
                ["commands"] = new JsonArray { new JsonObject { ["text"] = prompts[i] } },
            }.ToJsonString());
        dir.Script("decide.sh", $$"""
            cat >/dev/null
            cd '{{dir.Path}}'
            n=$(cat count 2>/dev/null || echo 0); n=$((n+1)); echo "$n" > count
            if [ -f "decisions/$n.json" ]; then cat "decisions/$n.json"; else echo '{"summary": "nothing more", "commands": []}'; fi
            """);
        dir.File("agent-config.yaml", $"bus_dir: {dir["bus"]}\nhosts:\n  - name: local\n    tmux:\n      socket: {tmux.Socket}\n      session_filters: [\"^agent-\"]\n");
        dir.File(".tmuxagent/orchestrator.toml", $"poll_interval = {pollInterval.ToString(System.Globalization.CultureInfo.InvariantCulture)}\ncooldown_seconds = 0\n" +
            $"session_cooldown_seconds = 0\nmax_commands_per_cycle = 1\n[codex]\nbin = \"{dir["decide.sh"]}\"\n" +
            $"[[tasks]]\nbranch = \"demo/{agent}\"\nsession = \"agent-demo-{agent}\"\nphases = [\"planning\", \"done\"]\n{taskExtra}\n");
        run.DashboardPort = LoopbackPort.Free();
        run.Host = new HostProcess(dir.Path, "--config", "agent-config.yaml", "--orchestrator-config", ".tmuxagent/orchestrator.toml",
            "--store", dir["state/events.db"], "--dashboard-port", run.DashboardPort.ToString(), "--portal-port", "0", "--log-level", "information");
        return run;
    }

    /// <summary>The branch's <c>agent</c> on <c>/api/orchestrator</c> (null while none is shown or the host is starting).</summary>
    public async Task<JsonObject?> DashboardAgentAsync(HttpClient http)
    {
        try
        {
            var json = JsonNode.Parse(await http.GetStringAsync($"http://127.0.0.1:{DashboardPort}/api/orchestrator"))!;
            return json["branches"]![0]!["agent"] as JsonObject;
        }
        catch (HttpRequestException) { return null; }
    }

    /// <summary>The audit log's lines as JSON objects.</summary>
    public IReadOnlyList<JsonObject> AuditLines() => File.Exists(AuditPath)
        ? File.ReadAllLines(AuditPath).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!.AsObject()).ToList()
        : [];

    /// <summary>When each command was dispatched (the audit log's <c>command</c> lines).</summary>
    public IReadOnlyList<DateTimeOffset> DispatchTimes() => AuditLines()
        .Where(l => (string?)l["event"] == "command")
        .Select(l => DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round((double)l["ts"]! * 1000))).ToList();

    /// <summary>What the pane and the host printed, for failure messages.</summary>
    public string Diagnostics() => $"screen:\n{Pane.Screen()}\nhost stderr:\n{Host.StdErr}\nrequests: {string.Join(", ", Server.Requests)}";

    public async ValueTask DisposeAsync()
    {
        Host?.Dispose();
        Tmux.Dispose();
        await Server.DisposeAsync();
        Dir.Dispose();
    }
}
