using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;

namespace TmuxAgent.Tests.Deploy;

/// <summary>deploy/alertmanager/robot-relay.py between an Alertmanager webhook and stand-in DingTalk / WeCom robots on loopback.</summary>
[Category("relay")]
[NonParallelizable]
public class RobotRelayTests
{
    private const string AlertmanagerPayload = """
        {"version":"4","status":"firing","receiver":"wecom","groupLabels":{"alertname":"OrchestratorQueueBacklog","branch":"weather/bot"},
         "commonLabels":{"alertname":"OrchestratorQueueBacklog","branch":"weather/bot","severity":"warning"},
         "alerts":[{"status":"firing","labels":{"alertname":"OrchestratorQueueBacklog","branch":"weather/bot","severity":"warning"},
           "annotations":{"summary":"Command queue of weather/bot holds 5 commands","runbook_url":"https://github.com/tmuxagent/tmuxagent/blob/main/docs/monitoring.md#orchestratorqueuebacklog"},
           "startsAt":"2026-11-25T10:00:00Z"}]}
        """;

    private DirectoryInfo _dir = null!;
    private HttpListener _robot = null!;
    private int _robotPort;
    private readonly List<(string Path, string Body)> _received = [];
    private Process _relay = null!;
    private Uri _relayUri = null!;
    private string _robotAnswer = """{"errcode":0,"errmsg":"ok"}""";

    [SetUp]
    public async Task Start()
    {
        _received.Clear();
        _robotAnswer = """{"errcode":0,"errmsg":"ok"}""";
        _dir = Directory.CreateTempSubdirectory("tmuxagent-relay-");
        _robotPort = PrometheusServer.FreeLoopbackPort();
        _robot = new HttpListener();
        _robot.Prefixes.Add($"http://127.0.0.1:{_robotPort}/");
        _robot.Start();
        _ = Task.Run(ServeRobotAsync);

        var python = ExternalProgram.Require("python3", "python3");
        var psi = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { RepoFiles.PathOf("deploy/alertmanager/robot-relay.py"), "--listen", "127.0.0.1:0", "--robots-dir", _dir.FullName })
            psi.ArgumentList.Add(a);
        _relay = Process.Start(psi)!;
        var first = await _relay.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException(await _relay.StandardError.ReadToEndAsync());
        _relayUri = new Uri($"http://127.0.0.1:{first.Split(':').Last()}/");
    }

    [TearDown]
    public async Task Stop()
    {
        if (!_relay.HasExited) _relay.Kill(entireProcessTree: true);
        await _relay.WaitForExitAsync();
        _relay.Dispose();
        _robot.Close();
        _dir.Delete(recursive: true);
    }

    [Test]
    public async Task WeCom_gets_the_alerts_as_markdown()
    {
        RobotUrl("wecom.url", "/cgi-bin/webhook/send?key=KEY");

        var response = await PostAsync("wecom");

        response.Should().Be(HttpStatusCode.OK);
        var (path, body) = _received.Should().ContainSingle().Subject;
        path.Should().Be("/cgi-bin/webhook/send?key=KEY");
        var json = JsonDocument.Parse(body).RootElement;
        json.GetProperty("msgtype").GetString().Should().Be("markdown");
        json.GetProperty("markdown").GetProperty("content").GetString().Should()
            .Contain("[FIRING:1] OrchestratorQueueBacklog").And.Contain("**weather/bot**")
            .And.Contain("Command queue of weather/bot holds 5 commands").And.Contain("monitoring.md#orchestratorqueuebacklog");
    }

    [Test]
    public async Task DingTalk_gets_markdown_signed_with_the_robot_secret()
    {
        RobotUrl("dingtalk.url", "/robot/send?access_token=TOKEN");
        await File.WriteAllTextAsync(Path.Combine(_dir.FullName, "dingtalk.secret"), "SECabc\n");

        var response = await PostAsync("dingtalk");

        response.Should().Be(HttpStatusCode.OK);
        var (path, body) = _received.Should().ContainSingle().Subject;
        path.Should().StartWith("/robot/send?access_token=TOKEN&timestamp=").And.Contain("&sign=");
        var md = JsonDocument.Parse(body).RootElement.GetProperty("markdown");
        md.GetProperty("title").GetString().Should().Be("[FIRING:1] OrchestratorQueueBacklog");
        md.GetProperty("text").GetString().Should().Contain("Command queue of weather/bot holds 5 commands");
    }

    [Test]
    public async Task A_robot_that_refuses_makes_Alertmanager_retry()
    {
        RobotUrl("wecom.url", "/cgi-bin/webhook/send?key=KEY");
        _robotAnswer = """{"errcode":93000,"errmsg":"invalid webhook url"}""";

        (await PostAsync("wecom")).Should().Be(HttpStatusCode.BadGateway);
    }

    [Test]
    public async Task A_robot_without_a_url_file_is_reported()
    {
        (await PostAsync("dingtalk")).Should().Be(HttpStatusCode.ServiceUnavailable);
        _received.Should().BeEmpty();
    }

    private void RobotUrl(string file, string pathAndQuery) =>
        File.WriteAllText(Path.Combine(_dir.FullName, file), $"http://127.0.0.1:{_robotPort}{pathAndQuery}\n");

    private async Task<HttpStatusCode> PostAsync(string robot)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(new Uri(_relayUri, robot), new StringContent(AlertmanagerPayload, Encoding.UTF8, "application/json"));
        TestContext.Out.WriteLine($"relay: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response.StatusCode;
    }

    private async Task ServeRobotAsync()
    {
        while (_robot.IsListening)
        {
            HttpListenerContext ctx;
            try { ctx = await _robot.GetContextAsync(); }
            catch (Exception) { return; }
            var body = await new StreamReader(ctx.Request.InputStream, Encoding.UTF8).ReadToEndAsync();
            lock (_received) _received.Add((ctx.Request.RawUrl!, body));
            var answer = Encoding.UTF8.GetBytes(_robotAnswer);
            ctx.Response.ContentType = "application/json";
            await ctx.Response.OutputStream.WriteAsync(answer);
            ctx.Response.Close();
        }
    }
}
