using TmuxAgent.Config;
using TmuxAgent.Core.Commands;
using TmuxAgent.Core.Policy;
using TmuxAgent.Host.Config;
using TmuxAgent.Tests.Host.Cli;

namespace TmuxAgent.Tests.Host.Config;

/// <summary>Issue 17 items 2, 11 and 12 at the configuration: the <c>[risk]</c> table, depth limits of TOML and YAML
/// (through the real host process: exit 2 naming file and line, never a stack trace or a crash), and one session per task.</summary>
[Category("process")]
public class ConfigHardeningTests
{
    private TempDir _dir = null!;

    [SetUp] public void SetUp() => _dir = new TempDir();
    [TearDown] public void TearDown() => _dir.Dispose();

    private static OrchestratorConfig Parse(string toml) => OrchestratorConfigLoader.Parse(toml, "orchestrator.toml", "/tmp/orchestrator.toml").Config;

    [Test]
    public void Risk_patterns_add_to_the_defaults_unless_they_are_turned_off()
    {
        Parse("").ToPolicy().Risk.Patterns.Should().Equal(RiskPolicy.DefaultPatterns);
        Parse("[risk]\nrequire_approval = [\"^make deploy\"]\n").ToPolicy().Risk.Patterns.Should().Equal([.. RiskPolicy.DefaultPatterns, "^make deploy"]);
        var own = Parse("[risk]\ninclude_defaults = false\nrequire_approval = [\"^make deploy\"]\n").ToPolicy().Risk;
        own.Patterns.Should().Equal("^make deploy");
        own.FirstMatch("make deploy prod", []).Should().Be("^make deploy");
        own.FirstMatch("rm -rf /", []).Should().BeNull();
    }

    [Test]
    public void High_risk_levels_from_the_file_are_normalised()
    {
        Parse("high_risk_levels = [\" Danger \"]\n").ToPolicy().HighRiskLevels.Should().Contain("danger");
    }

    [Test]
    public void A_bad_risk_pattern_is_an_error_at_its_line_and_column()
    {
        var act = () => Parse("poll_interval = 1\n[risk]\nrequire_approval = [\"ok\",\n  \"(unclosed\"]\n");
        act.Should().Throw<ConfigException>().Which.Message.Should().Contain("orchestrator.toml:4:3: risk.require_approval: not a valid regular expression \"(unclosed\"");
    }

    [Test]
    public void A_plan_command_with_smuggled_keys_or_a_NUL_is_an_error_naming_its_line()
    {
        var act = () => Parse("[[tasks]]\nbranch = \"a/b\"\nphases = [\"planning\", \"done\"]\n[tasks.plan]\nplanning = [{ text = \"echo hi\", keys = [\"echo evil\"] }, \"echo \\u0000x\"]\n");
        var errors = act.Should().Throw<ConfigException>().Which.Errors;
        errors.Should().Contain(e => e.Location.Line == 5 && e.Message.Contains("keys[0]") && e.Message.Contains("not a tmux key name"));
        errors.Should().Contain(e => e.Location.Line == 5 && e.Message.Contains("U+0000"));
    }

    [Test]
    public void Two_tasks_on_one_tmux_session_is_an_error_naming_both()
    {
        var act = () => Parse("[[tasks]]\nbranch = \"app/a\"\nsession = \"agents\"\n\n[[tasks]]\nbranch = \"app/b\"\nsession = \"agents\"\n");
        act.Should().Throw<ConfigException>().Which.Message.Should()
            .Contain("orchestrator.toml:7:11: tasks.session: tmux session \"agents\" of app/b is already the session of app/a (orchestrator.toml:3)");
        var implicitly = () => Parse("[[tasks]]\nbranch = \"app/x-y\"\n[[tasks]]\nbranch = \"app/x/y\"\n");
        implicitly.Should().Throw<ConfigException>().Which.Message.Should().Contain("\"agent-app-x-y\" of app/x/y is already the session of app/x-y");
    }

    [Test]
    public void The_host_refuses_a_shared_session_and_a_bad_risk_pattern_with_exit_2()
    {
        _dir.File(".tmuxagent/orchestrator.toml", "[risk]\nrequire_approval = [\"[z-a]\"]\n[[tasks]]\nbranch = \"app/a\"\n[[tasks]]\nbranch = \"app/b\"\nsession = \"agent-app-a\"\n");
        var (code, _, err) = HostProcess.Run(_dir.Path, "--check-config");
        code.Should().Be(2);
        err.Should().Contain(".tmuxagent/orchestrator.toml:2:21: risk.require_approval: not a valid regular expression")
            .And.Contain(".tmuxagent/orchestrator.toml:7:11: tasks.session: tmux session \"agent-app-a\" of app/b is already the session of app/a");

        var (planCode, _, planErr) = HostProcess.Run(_dir.Path, "plan", "check");
        planCode.Should().Be(2);
        planErr.Should().Contain(".tmuxagent/orchestrator.toml:2:21: risk.require_approval: not a valid regular expression");
    }

    [Test]
    public void A_TOML_array_nested_deeper_than_64_exits_2_naming_file_and_line()
    {
        _dir.File(".tmuxagent/orchestrator.toml", "poll_interval = 1\n\nx = " + new string('[', 70) + new string(']', 70) + "\n");
        var (code, _, err) = HostProcess.Run(_dir.Path, "--check-config");
        code.Should().Be(2, err);
        err.Should().Contain(".tmuxagent/orchestrator.toml:3:69: syntax error: arrays and inline tables may nest at most 64 deep").And.NotContain("   at ");
    }

    [Test]
    public void A_YAML_flow_nesting_of_50000_exits_2_naming_file_and_line_instead_of_overflowing_the_stack()
    {
        _dir.File(".tmuxagent/orchestrator.toml", "");
        _dir.File("agent-config.yaml", "poll_interval_ms: 1500\nhosts: " + new string('[', 50_000) + new string(']', 50_000) + "\n");
        var (code, _, err) = HostProcess.Run(_dir.Path, "--config", "agent-config.yaml", "--check-config");
        code.Should().Be(2, err);
        err.Should().Contain("agent-config.yaml:2:71: mappings and sequences nest deeper than 64 levels");
    }

    [Test]
    public void A_deep_block_mapping_in_a_scenario_file_is_refused_with_its_line()
    {
        var yaml = "scenarios:\n" + string.Concat(Enumerable.Range(0, 80).Select(i => new string(' ', 2 * i + 2) + "k" + i + ":\n")) + new string(' ', 162) + "x: 1\n";
        var act = () => TmuxAgent.Host.Plan.Scenarios.ScenarioFileLoader.Parse(yaml, "deep.yaml", "/tmp/deep.yaml");
        act.Should().Throw<ConfigException>().Which.Message.Should().Contain("deep.yaml:").And.Contain("nest deeper than 64");
    }

    [Test]
    public void Tmux_key_names_are_checked_by_one_rule_for_the_plan_and_the_decisions()
    {
        CommandRules.Problem(new CommandSpec(null, ["PgUp", "M-x"]), 0).Should().BeNull();
    }
}
