using TmuxAgent.Tests.Host.Cli;

namespace TmuxAgent.Tests.Plan;

/// <summary>The real executable: <c>plan</c> is registered on the host's root command and exits with the documented codes.</summary>
public class PlanProcessSpecs
{
    private static (int Code, string Out, string Err) Host(params string[] args) => HostIn(RepoRoot.Path, args);

    private static (int Code, string Out, string Err) HostIn(string workingDirectory, params string[] args) => HostProcess.Run(workingDirectory, args);

    [Test]
    public void Plan_check_and_plan_test_run_on_the_examples_from_the_real_executable()
    {
        var check = Host("plan", "check", "--orchestrator-config", "docs/examples/orchestrator.toml");
        check.Out.Should().Contain("docs/examples/orchestrator.toml: 5 task(s), no findings");
        check.Code.Should().Be(0);

        var test = Host("plan", "test", "docs/examples/plan-scenarios.yaml");
        test.Out.Should().Contain("15 passed, 0 failed");
        test.Code.Should().Be(0);
    }

    [Test]
    public void A_usage_error_exits_2()
    {
        var (code, _, error) = Host("plan", "test");
        error.Should().Contain("SCENARIOS.yaml");
        code.Should().Be(2);
    }

    [Test]
    public void Both_commands_default_to_the_original_config_path()
    {
        using var dir = new TempFolder();
        Directory.CreateDirectory(Path.Combine(dir.Path, ".tmuxagent"));
        dir.Write(".tmuxagent/orchestrator.toml", "[[tasks]]\nbranch = \"app/a\"\n");
        dir.Write("s.yaml", "scenarios:\n  - name: a\n    steps:\n      - cycle: app/a\n        expect: { decision_requested: true }\n");

        var check = HostIn(dir.Path, "plan", "check");
        check.Out.Should().Contain(".tmuxagent/orchestrator.toml: 1 task(s), no findings");
        check.Code.Should().Be(0);
        var test = HostIn(dir.Path, "plan", "test", "s.yaml");
        test.Out.Should().Contain("against .tmuxagent/orchestrator.toml").And.Contain("1 passed, 0 failed");
        test.Code.Should().Be(0);
    }
}
