using TmuxAgent.Config;

namespace TmuxAgent.Tests.Host.Config;

public class OrchestratorConfigTests
{
    private const string Original = """
        # The original orchestrator's file, every key
        poll_interval = 45.0
        cooldown_seconds = 120
        max_commands_per_cycle = 2
        history_lines = 400
        session_cooldown_seconds = 20.0
        default_phase = "planning"
        completion_phase = "done"
        notify_only_on_confirmation = true
        dry_run = false
        metrics_port = 9108
        metrics_host = "0.0.0.0"
        stall_timeout_seconds = 300.0
        stall_retries_before_notify = 2
        failure_alert_threshold = 3
        command_timeout_seconds = 45.0
        delegate_to_codex = false

        [codex]
        bin = "~/bin/codex"
        extra_args = ["exec", "--json"]
        timeout = 120
        env = { CODEX_HOME = "/tmp/codex" }

        [prompts]
        command = "prompts/command.md"
        summary = "prompts/summary.md"
        delegate = "prompts/delegate.md"
        stuck_detection = "prompts/stuck.md"

        [phase_prompts]
        testing = "prompts/testing.md"

        [[tasks]]
        branch = "storyapp/feature-x"
        title = "Feature X"
        responsible = "alice"
        phases = ["planning", "implementation", "testing", "done"]
        tags = ["frontend"]

        [[tasks]]
        branch = "storyapp/feature-y"
        depends_on = ["storyapp/feature-x"]
        phases = ["planning", "done"]
        """;

    [Test]
    public void The_original_file_loads_unchanged_with_every_key()
    {
        using var dir = new TempDir();
        var path = dir.File(".tmuxagent/orchestrator.toml", Original);

        var load = OrchestratorConfigLoader.Load(path);

        load.Warnings.Should().BeEmpty("the original's keys all load, and every one of them has an effect here");
        var c = load.Config;
        c.PollInterval.Should().Be(45.0);
        c.CooldownSeconds.Should().Be(120.0, "an integer literal is accepted for a float key");
        c.MetricsPort.Should().Be(9108);
        c.DecisionCommand.Bin.Should().Be(Path.Combine(ConfigPaths.Home, "bin/codex"));
        c.DecisionCommand.ExtraArgs.Should().Equal("exec", "--json");
        c.DecisionCommand.TimeoutSeconds.Should().Be(120.0);
        c.DecisionCommand.Env.Should().ContainKey("CODEX_HOME");
        c.Prompts.Command!.FullPath.Should().Be(dir[".tmuxagent/prompts/command.md"], "prompt paths are relative to the config file");
        c.PhasePrompts["testing"].FullPath.Should().Be(dir[".tmuxagent/prompts/testing.md"]);
        c.Tasks.Select(t => t.Branch).Should().Equal("storyapp/feature-x", "storyapp/feature-y");
        c.Tasks[0].Location.Line.Should().Be(34);
        c.Tasks[1].DependsOn.Should().Equal("storyapp/feature-x");
        c.Tasks[1].SessionName.Should().Be("agent-storyapp-feature-y");
        load.MissingFiles.Select(m => m.Key).Should().Contain(["prompts.command", "phase_prompts.testing", "codex.bin"]);
    }

    [Test]
    public void Defaults_are_the_originals()
    {
        var c = Parse("").Config;
        c.PollInterval.Should().Be(45.0);
        c.MaxCommandsPerCycle.Should().Be(2);
        c.HistoryLines.Should().Be(400);
        c.SessionCooldownSeconds.Should().Be(20.0);
        c.NotifyOnlyOnConfirmation.Should().BeTrue();
        c.MetricsPort.Should().BeNull();
        c.CommandTimeoutSeconds.Should().Be(45.0);
        c.DecisionCommand.Bin.Should().Be("codex");
        c.DecisionCommand.TimeoutSeconds.Should().Be(120.0);
    }

    [Test]
    public void A_wrong_type_names_file_line_column_key_expectation_and_value()
    {
        var act = () => Parse("poll_interval = 1.0\n\nmax_commands_per_cycle = \"two\"\n");

        act.Should().Throw<ConfigException>().Which.Errors.Single().ToString()
            .Should().Be("orchestrator.toml:3:26: max_commands_per_cycle: expected an integer, got \"two\"");
    }

    [Test]
    public void A_string_cut_after_a_backslash_at_the_end_of_the_file_is_a_syntax_error_naming_the_file_and_its_end()
    {
        // Tomlyn's lexer throws ArgumentOutOfRangeException here (found by the hostile-input property test).
        var act = () => Parse("poll_interval = 1.0\n$ ta \"[\\");

        act.Should().Throw<ConfigException>().Which.Errors.Single().ToString()
            .Should().StartWith("orchestrator.toml:2:9: syntax error: the TOML cannot be read to its end");
    }

    [Test]
    public void A_wrong_type_inside_a_table_names_the_dotted_key()
    {
        var act = () => Parse("[codex]\nbin = \"x\"\ntimeout = \"soon\"\n");

        act.Should().Throw<ConfigException>().Which.Errors.Single().ToString()
            .Should().Be("orchestrator.toml:3:11: codex.timeout: expected a number, got \"soon\"");
    }

    [Test]
    public void A_syntax_error_names_line_and_column()
    {
        var act = () => Parse("poll_interval = 1.0\ncooldown_seconds = = 3\n");

        var error = act.Should().Throw<ConfigException>().Which.Errors[0];
        error.Location.Line.Should().Be(2);
        error.Location.Column.Should().BeGreaterThan(0);
        error.ToString().Should().StartWith("orchestrator.toml:2:");
    }

    [Test]
    public void Unknown_keys_are_warnings_with_file_and_line()
    {
        var load = Parse("poll_interval = 1.0\npol_interval = 2.0\n[codex]\nbinn = \"x\"\n");

        load.Warnings.Select(w => w.ToString()).Should().Equal(
            "orchestrator.toml:4:1: codex.binn: unknown key (ignored)",
            "orchestrator.toml:2:1: pol_interval: unknown key (ignored)");
    }

    [Test]
    public void Task_errors_name_the_task_line()
    {
        var act = () => Parse("[[tasks]]\nbranch = \"a\"\n\n[[tasks]]\nbranch = \"a\"\nphases = \"planning\"\n");

        act.Should().Throw<ConfigException>().Which.Errors.Select(e => e.ToString()).Should().BeEquivalentTo(
            "orchestrator.toml:6:10: tasks.phases: expected an array of strings, got \"planning\"",
            "orchestrator.toml:5:10: tasks.branch: branch \"a\" is already a task at line 2");
    }

    [Test]
    public void A_dependency_on_an_unknown_branch_is_a_warning_at_its_line()
    {
        var load = Parse("[[tasks]]\nbranch = \"a\"\ndepends_on = [\"b\"]\n");

        load.Warnings.Single().ToString().Should().Be("orchestrator.toml:3:14: tasks.depends_on: \"b\" is not a task in this file; a stays blocked until it is");
    }

    [Test]
    public void A_per_phase_plan_is_read_for_the_plan_decider()
    {
        var c = Parse("""
            [[tasks]]
            branch = "demo/api"
            phases = ["build", "test", "done"]
            [tasks.plan]
            build = ["make build", "make lint"]
            test = [{ text = "rm -rf out && make test", risk_level = "high" }, { keys = ["C-c"], enter = false }]
            """).Config;

        var task = c.Tasks.Single();
        c.UsesPlan(task).Should().BeTrue();
        task.Plan["build"].Select(s => s.Text).Should().Equal("make build", "make lint");
        task.Plan["test"][0].RiskLevel.Should().Be("high");
        task.Plan["test"][1].Keys.Should().Equal("C-c");
    }

    [Test]
    public void Additions_parse_listener_settings()
    {
        var c = Parse("dashboard_port = 8702\ndashboard_host = \"0.0.0.0\"\nportal_port = 8787\nportal_host = \"127.0.0.1\"\napproval_token_file = \"~/token\"\nmetrics_host = \"127.0.0.1\"\n").Config;

        c.DashboardPort.Should().Be(8702);
        c.PortalPort.Should().Be(8787);
        c.PortalHost.Should().Be("127.0.0.1");
        c.ApprovalTokenFile.Should().Be(Path.Combine(ConfigPaths.Home, "token"));
        c.MetricsHost.Should().Be("127.0.0.1");
    }

    [Test]
    public void Lease_keys_are_optional_and_the_ttl_defaults_to_three_polls_within_10_to_300_seconds()
    {
        var d = Parse("").Config;
        d.HostId.Should().BeNull();
        d.LeaseTtl.Should().Be(TimeSpan.FromSeconds(135), "3 x the default poll_interval of 45 s");
        Parse("poll_interval = 1").Config.LeaseTtl.Should().Be(TimeSpan.FromSeconds(10));
        Parse("poll_interval = 600").Config.LeaseTtl.Should().Be(TimeSpan.FromSeconds(300));

        var c = Parse("host_id = \" host-a \"\nlease_ttl_seconds = 20\n").Config;
        c.HostId.Should().Be("host-a");
        c.LeaseTtl.Should().Be(TimeSpan.FromSeconds(20));
        Parse("lease_ttl_seconds = 20\n").Warnings.Should().BeEmpty("the keys are known");
    }

    [Test]
    public void A_blank_host_id_or_a_ttl_that_is_not_positive_is_an_error_naming_the_key()
    {
        var ttl = () => Parse("lease_ttl_seconds = 0\n");
        ttl.Should().Throw<ConfigException>().Which.Errors.Single().ToString()
            .Should().Be("orchestrator.toml:1:21: lease_ttl_seconds: expected a number > 0, got 0");
        var id = () => Parse("host_id = \"  \"\n");
        id.Should().Throw<ConfigException>().Which.Errors.Single().ToString().Should().Contain("host_id: expected a non-empty string");
    }

    private static ConfigLoad<OrchestratorConfig> Parse(string toml) =>
        OrchestratorConfigLoader.Parse(toml, "orchestrator.toml", "/tmp/x/orchestrator.toml");
}
