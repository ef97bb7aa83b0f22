namespace TmuxAgent.Tests.Deploy;

/// <summary>deploy/alertmanager/alertmanager.yml, checked and routed by Debian's amtool.</summary>
[Category("amtool")]
public class AlertmanagerConfigTests
{
    private const string Config = "deploy/alertmanager/alertmanager.yml";
    private static string Amtool => ExternalProgram.Require("amtool", "prometheus-alertmanager");

    [Test]
    public async Task The_config_is_valid()
    {
        var r = await ExternalProgram.RunAsync(Amtool, ["check-config", Config]);
        r.ExitCode.Should().Be(0, r.Output);
        r.Output.Should().Contain("SUCCESS");
    }

    [TestCase("OrchestratorHeartbeatMissing", "critical", "dingtalk-and-wecom")]
    [TestCase("OrchestratorExporterDown", "critical", "dingtalk-and-wecom")]
    [TestCase("OrchestratorQueueBacklog", "warning", "wecom")]
    [TestCase("OrchestratorPendingConfirmation", "warning", "wecom")]
    [TestCase("OrchestratorDecisionErrors", "warning", "wecom")]
    public async Task Alerts_are_routed_by_severity(string alert, string severity, string receiver)
    {
        var r = await ExternalProgram.RunAsync(Amtool, ["config", "routes", "test", $"--config.file={Config}",
            $"--verify.receivers={receiver}", $"alertname={alert}", $"severity={severity}", "branch=weather/bot"]);
        r.ExitCode.Should().Be(0, r.Output);
        r.StdOut.Trim().Should().Be(receiver);
    }

    [Test]
    public void Receivers_post_to_the_robot_relay()
    {
        var receivers = Yaml.Load(Config).List("receivers").Maps().ToDictionary(r => r.Str("name")!, r => r.List("webhook_configs").Maps().Select(w => w.Str("url")).ToList());
        receivers["wecom"].Should().Equal("http://127.0.0.1:9095/wecom");
        receivers["dingtalk-and-wecom"].Should().Equal("http://127.0.0.1:9095/dingtalk", "http://127.0.0.1:9095/wecom");
    }

    [Test]
    public void Alerts_are_grouped_by_alert_and_branch()
    {
        Yaml.Load(Config).Map("route").List("group_by").Cast<string>().Should().Equal("alertname", "branch");
    }
}
