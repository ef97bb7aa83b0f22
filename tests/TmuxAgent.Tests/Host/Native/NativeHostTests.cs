using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using TmuxAgent.Core.Store;
using TmuxAgent.Core.Store.Leases;
using TmuxAgent.Core.Store.Postgres;
using TmuxAgent.Core.Store.Sqlite;
using TmuxAgent.Tests.Host.Cli;
using TmuxAgent.Tests.Host.Loop;
using TmuxAgent.Tests.Support;
using TmuxAgent.Tests.Web;

namespace TmuxAgent.Tests.Host.Native;

/// <summary>
/// The lean daemon (Native AOT, <c>scripts/publish-host.sh</c>) does what the dotnet build does, on every path where
/// the dotnet build used reflection: the configuration files, the JSON of the dashboard and the portal, the model
/// command's prompt, the LocalBus offset file, and the SQLite and PostgreSQL stores and leases (Dapper, generated at build
/// time). Publishes once per run (a few minutes; needs clang, installed by scripts/ensure-deps.sh); set
/// <c>TMUXAGENT_HOST_NATIVE</c> to an already published binary to skip that — every other test that starts the host then
/// runs that binary too.
/// </summary>
[Category("aot"), Category("process"), Category("tmux"), Category("http"), Category("sqlite")]
[NonParallelizable]
public class NativeHostTests
{
    private TempDir _dir = null!;
    private string _native = null!;

    [OneTimeSetUp]
    public void Publish()
    {
        _dir = new TempDir();
        _native = NativePublish.Binary(HostProcess.NativeVariable, "publish-host.sh", _dir["native"], "tmux-agent-orchestrator");
        File.Exists(_native).Should().BeTrue($"the native binary {_native} exists");
    }

    [OneTimeTearDown]
    public void TearDown() => _dir.Dispose();

    private void ShouldPrintTheSame(string workDir, params string[] args)
    {
        var native = HostProcess.RunExecutable(_native, workDir, args);
        var dotnet = HostProcess.RunExecutable(null, workDir, args);

        (native.Out + native.Err).Should().NotBeEmpty();
        native.Code.Should().Be(dotnet.Code, native.Err);
        native.Out.Should().Be(dotnet.Out);
        native.Err.Should().Be(dotnet.Err);
    }

    [TestCase("--help")]
    [TestCase("--check-config", "--config", "docs/examples/agent-config.yaml", "--orchestrator-config", "docs/examples/orchestrator.toml")]
    [TestCase("plan", "check", "--orchestrator-config", "docs/examples/orchestrator.toml")]
    [TestCase("plan", "test", "docs/examples/plan-scenarios.yaml")]
    [TestCase("--check-config", "--orchestrator-config", "tests/no-such-file.toml")]
    public void The_command_line_and_the_config_files_read_the_same(params string[] args) => ShouldPrintTheSame(RepoRoot.Path, args);

    [Test]
    public void A_config_error_names_file_line_and_field_the_same_way()
    {
        using var dir = new TempDir();
        dir.File("agent-config.yaml", "hosts:\n  - name: local\n    tmux:\n      socket: [not, a, string\n");
        dir.File("orchestrator.toml", "poll_interval = \"often\"\n[[tasks]]\nbranch = \"a\"\n");

        ShouldPrintTheSame(dir.Path, "--check-config", "--config", "agent-config.yaml", "--orchestrator-config", "orchestrator.toml");
        ShouldPrintTheSame(dir.Path, "--check-config", "--orchestrator-config", "orchestrator.toml");
    }

    [Test]
    public async Task The_daemon_prompts_the_model_serves_both_pages_approves_with_the_token_and_records_in_sqlite()
    {
        using var tmux = new TmuxServer();
        using var dir = new TempDir();
        var token = "native-token-" + Guid.NewGuid().ToString("N");
        var marker = "native-" + Guid.NewGuid().ToString("N")[..6];
        tmux.NewSession("agent-demo-beta");
        dir.Script("decide.sh", $"cat >>{dir["prompts.txt"]}\necho '{{\"summary\": \"risky\", \"commands\": [{{\"text\": \"echo {marker}-$((6*7))\", \"risk_level\": \"high\"}}], \"requires_confirmation\": true}}'");
        dir.File("agent-config.yaml", $"bus_dir: {dir["bus"]}\nhosts:\n  - name: local\n    tmux:\n      socket: {tmux.Socket}\n      session_filters: [\"^agent-\"]\n");
        var tokenFile = dir.File("secret/token", token + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(tokenFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        dir.File(".tmuxagent/orchestrator.toml", "poll_interval = 1.0\ncooldown_seconds = 0\nsession_cooldown_seconds = 0\ncommand_timeout_seconds = 0\n" +
            $"approval_token_file = \"{tokenFile}\"\n[codex]\nbin = \"{dir["decide.sh"]}\"\n[[tasks]]\nbranch = \"demo/beta\"\nphases = [\"planning\", \"done\"]\n");
        int dashboard = LoopbackPort.Free(), portal = LoopbackPort.Free(), metrics = LoopbackPort.Free();
        var store = dir["state/events.db"];
        using var daemon = HostProcess.StartExecutable(_native, dir.Path, "--config", "agent-config.yaml", "--store", store, "--host-id", "native-a",
            "--dashboard-port", dashboard.ToString(), "--portal-port", portal.ToString(), "--metrics-port", metrics.ToString());
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

        var id = await DashboardPoll.FirstPendingIdAsync(http, dashboard);
        id.Should().NotBeNull(daemon.StdErr);

        var view = JsonNode.Parse(await http.GetStringAsync($"http://127.0.0.1:{dashboard}/api/orchestrator"))!;
        view["dry_run"]!.GetValue<bool>().Should().BeFalse();
        view["generated_at"]!.GetValue<double>().Should().BeGreaterThan(1.7e9);
        view["portal_port"]!.GetValue<int>().Should().Be(portal);
        var column = view["branches"]![0]!;
        column["branch"]!.GetValue<string>().Should().Be("demo/beta");
        column["pending"]![0]!["risk_level"]!.GetValue<string>().Should().Be("high");
        column["pending"]![0]!["text"]!.GetValue<string>().Should().Be($"echo {marker}-$((6*7))");

        File.ReadAllText(dir["prompts.txt"]).Should().Contain("\"branch\":\"demo/beta\",\"phase\":\"planning\",\"queue\":0",
            "the prompt's metadata is the branch's state as JSON, keys in the original's order");

        using (var listing = await Send(http, HttpMethod.Get, portal, null, token))
        {
            listing.StatusCode.Should().Be(HttpStatusCode.OK);
            var pending = JsonNode.Parse(await listing.Content.ReadAsStringAsync())!["pending"]![0]!;
            pending["id"]!.GetValue<string>().Should().Be(id);
            pending["session"]!.GetValue<string>().Should().Be("agent-demo-beta");
        }
        var body = $"{{\"branch\": \"demo/beta\", \"id\": \"{id}\", \"action\": \"approve\"}}";
        using (var wrong = await Send(http, HttpMethod.Post, portal, body, token + "-wrong"))
        {
            wrong.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            JsonNode.Parse(await wrong.Content.ReadAsStringAsync())!["error"]!.GetValue<string>().Should().Contain("token");
        }
        using (var right = await Send(http, HttpMethod.Post, portal, body, token))
        {
            right.StatusCode.Should().Be(HttpStatusCode.OK);
            var answer = JsonNode.Parse(await right.Content.ReadAsStringAsync())!;
            ((string?)answer["status"], (string?)answer["branch"], (string?)answer["id"]).Should().Be(("approved", "demo/beta", id));
        }
        (await TmuxServer.WaitFor(() => tmux.Capture("agent-demo-beta").Contains($"\n{marker}-42"), 15)).Should().BeTrue(daemon.StdErr);
        (await http.GetStringAsync($"http://127.0.0.1:{metrics}/metrics")).Should().Contain("orchestrator_commands_total{result=\"dispatched\"} 1");
        var leases = SqliteBranchLeases.Open(store);
        (await leases.CurrentAsync("demo/beta", DateTimeOffset.UtcNow))!.Owner.Should().Be("native-a", "the host holds its branch's lease");

        using (var kill = Process.Start("kill", ["-TERM", daemon.Pid.ToString()])) kill.WaitForExit();
        daemon.WaitForExit(10).Should().Be(0, daemon.StdErr);

        (await leases.CurrentAsync("demo/beta", DateTimeOffset.UtcNow)).Should().BeNull("leases are released on SIGTERM");
        using (var events = SqliteEventStore.Open(store))
        {
            var types = (await events.ReadStreamAsync(StreamName.ForBranch("demo/beta"))).Select(e => e.EventType).ToList();
            types.Should().Contain(["confirmation_requested", "confirmation_approved", "command_dispatched"]);
        }
        File.ReadAllText(dir[".tmuxagent/logs/orchestrator-actions.jsonl"]).Should().Contain("\"event\":\"confirmation\"").And.NotContain(token);
        var offset = JsonNode.Parse(File.ReadAllText(dir["state/localbus-offsets.json"]))!;
        offset["offset"]!.GetValue<long>().Should().Be(0, "the LocalBus offset file is written as JSON");
        daemon.StdErr.Should().NotContain(token);
    }

    [Test, Category("postgres")]
    public async Task The_daemon_on_a_postgresql_store_takes_the_lease_types_the_plan_and_records_it()
    {
        var schema = PostgresFixture.Server.CreateSchema("native");
        try
        {
            using var tmux = new TmuxServer();
            using var dir = new TempDir();
            tmux.NewSession("agent-demo-alpha");
            dir.File("agent-config.yaml", $"bus_dir: {dir["bus"]}\nhosts:\n  - name: local\n    tmux:\n      socket: {tmux.Socket}\n");
            dir.File(".tmuxagent/orchestrator.toml", "decision_source = \"plan\"\npoll_interval = 1.0\ndashboard_port = 0\nportal_port = 0\ncooldown_seconds = 0\nsession_cooldown_seconds = 0\n" +
                "[[tasks]]\nbranch = \"demo/alpha\"\nphases = [\"build\", \"done\"]\n[tasks.plan]\nbuild = [\"echo native-pg-$((6*7))\"]\n");
            var url = PostgresServer.Url(schema);

            using (var daemon = HostProcess.StartExecutable(_native, dir.Path, "--config", "agent-config.yaml", "--store", url, "--host-id", "native-pg"))
            {
                (await TmuxServer.WaitFor(() => tmux.Capture("agent-demo-alpha").Contains("\nnative-pg-42"), 30)).Should().BeTrue(daemon.StdErr);
                using (var kill = Process.Start("kill", ["-TERM", daemon.Pid.ToString()])) kill.WaitForExit();
                daemon.WaitForExit(10).Should().Be(0, daemon.StdErr);
                daemon.StdErr.Should().Contain("demo/alpha: lease taken").And.Contain("lease released");
            }
            using var events = PostgresEventStore.Open(url);
            (await events.ReadStreamAsync(StreamName.ForBranch("demo/alpha"))).Select(e => e.EventType).Should().Contain(["task_planned", "command_dispatched"]);
            (await events.ListStreamsAsync()).Should().Contain(StreamName.ForBranch("demo/alpha"));
        }
        finally { PostgresFixture.Server.DropSchema(schema); }
    }

    private static async Task<HttpResponseMessage> Send(HttpClient http, HttpMethod method, int port, string? json, string token)
    {
        using var request = new HttpRequestMessage(method, $"http://127.0.0.1:{port}/api/confirmations");
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }
}
