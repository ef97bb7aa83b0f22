namespace TmuxAgent.Tests.Deploy;

/// <summary>The deployed Prometheus files, checked by Debian's promtool.</summary>
[Category("promtool")]
public class PromtoolTests
{
    private static string Promtool => ExternalProgram.Require("promtool", "prometheus");

    [Test]
    public async Task Alert_rules_are_valid()
    {
        var r = await ExternalProgram.RunAsync(Promtool, ["check", "rules", "deploy/prometheus/orchestrator-rules.yml"]);
        r.ExitCode.Should().Be(0, r.Output);
        r.Output.Should().Contain("SUCCESS");
    }

    [Test]
    public async Task Prometheus_config_and_the_rules_it_loads_are_valid()
    {
        var r = await ExternalProgram.RunAsync(Promtool, ["check", "config", "deploy/prometheus/prometheus.yml"]);
        r.ExitCode.Should().Be(0, r.Output);
        r.Output.Should().Contain("1 rule files found");
    }

    [Test]
    public async Task Alert_rule_unit_tests_pass()
    {
        var r = await ExternalProgram.RunAsync(Promtool, ["test", "rules", "orchestrator-rules.test.yml"],
            workingDirectory: RepoFiles.PathOf("deploy/prometheus"));
        r.ExitCode.Should().Be(0, r.Output);
    }

    [Test]
    public async Task Alert_rule_unit_tests_catch_a_changed_threshold()
    {
        var dir = Directory.CreateTempSubdirectory("tmuxagent-promtool-");
        try
        {
            File.Copy(RepoFiles.PathOf("deploy/prometheus/orchestrator-rules.test.yml"), Path.Combine(dir.FullName, "orchestrator-rules.test.yml"));
            File.WriteAllText(Path.Combine(dir.FullName, "orchestrator-rules.yml"),
                RepoFiles.Read("deploy/prometheus/orchestrator-rules.yml").Replace("orchestrator_queue_size > 3", "orchestrator_queue_size > 2"));

            var r = await ExternalProgram.RunAsync(Promtool, ["test", "rules", "orchestrator-rules.test.yml"], workingDirectory: dir.FullName);

            r.ExitCode.Should().NotBe(0);
            r.Output.Should().Contain("OrchestratorQueueBacklog");
        }
        finally { dir.Delete(recursive: true); }
    }
}
