using TmuxAgent.Tests.Host.Loop;

namespace TmuxAgent.Tests.Host.Cli;

[Category("process")]
public class CommandLineTests
{
    private TempDir _dir = null!;

    [SetUp] public void SetUp() => _dir = new TempDir();
    [TearDown] public void TearDown() => _dir.Dispose();

    [Test]
    public void A_wrong_type_exits_2_naming_file_line_column_and_key()
    {
        _dir.File(".tmuxagent/orchestrator.toml", "poll_interval = 1.0\nmax_commands_per_cycle = \"two\"\n");

        var (code, _, err) = HostProcess.Run(_dir.Path, "--once");

        code.Should().Be(2);
        err.Should().Contain(".tmuxagent/orchestrator.toml:2:26: max_commands_per_cycle: expected an integer, got \"two\"");
    }

    [Test]
    public void A_yaml_error_exits_2_too()
    {
        _dir.File(".tmuxagent/orchestrator.toml", "");
        _dir.File("agent-config.yaml", "poll_interval_ms: soon\n");

        var (code, _, err) = HostProcess.Run(_dir.Path, "--config", "agent-config.yaml", "--check-config");

        code.Should().Be(2);
        err.Should().Contain("agent-config.yaml:1:19: poll_interval_ms: expected an integer, got \"soon\"");
    }

    [Test]
    public void Unknown_flags_are_usage_errors_with_exit_2()
    {
        HostProcess.Run(_dir.Path, "--no-such-flag").Code.Should().Be(2);
    }

    [Test]
    public void Check_config_warns_about_missing_files_and_prints_the_settings_but_a_start_refuses()
    {
        _dir.File(".tmuxagent/orchestrator.toml", "poll_interval = 2\nextra_key = 1\n[prompts]\ncommand = \"missing.md\"\n[[tasks]]\nbranch = \"a/b\"\n");

        var (code, output, err) = HostProcess.Run(_dir.Path, "--check-config");
        code.Should().Be(0);
        output.Should().Contain("poll_interval = 2").And.Contain("a/b (line 5)").And.Contain("metrics_port = (none: no exporter)");
        err.Should().Contain("warning: .tmuxagent/orchestrator.toml:2:1: extra_key: unknown key (ignored)")
            .And.Contain("warning: .tmuxagent/orchestrator.toml:4:11: prompts.command: file not found");

        var start = HostProcess.Run(_dir.Path, "--once");
        start.Code.Should().Be(2);
        start.Err.Should().Contain("prompts.command: file not found");
    }

    [Test]
    public void The_store_host_id_and_lease_ttl_come_from_the_toml_and_the_flags_win()
    {
        _dir.File(".tmuxagent/orchestrator.toml", "poll_interval = 2\nstore = \"postgres://agent:secret@db.internal:5433/tmuxagent\"\nhost_id = \"host-a\"\nlease_ttl_seconds = 12\n");

        var (code, output, err) = HostProcess.Run(_dir.Path, "--check-config");
        code.Should().Be(0, err);
        output.Should().Contain("event store:         PostgreSQL").And.Contain("db.internal").And.NotContain("secret");
        output.Should().Contain("host_id = \"host-a\"").And.Contain("lease_ttl_seconds = 12");

        var flags = HostProcess.Run(_dir.Path, "--check-config", "--store", "mine.db", "--host-id", "host-b");
        flags.Code.Should().Be(0, flags.Err);
        flags.Out.Should().Contain("event store:         " + Path.Combine(_dir.Path, "mine.db")).And.Contain("host_id = \"host-b\"");
        HostProcess.Run(_dir.Path, "--check-config", "--host-id", " ").Code.Should().Be(2);
    }

    [Test, Category("tmux")]
    public async Task Sigterm_stops_the_daemon_with_exit_0_and_the_audit_log_flushed()
    {
        using var tmux = new TmuxServer();
        tmux.NewSession("agent-demo-term");
        var decide = _dir.Script("decide.sh", "cat >/dev/null\necho '{\"commands\": [{\"text\": \"echo term-$((1+1))\"}]}'");
        _dir.File("agent-config.yaml", $"bus_dir: {_dir["bus"]}\nhosts:\n  - name: local\n    tmux:\n      socket: {tmux.Socket}\n");
        _dir.File(".tmuxagent/orchestrator.toml", $"poll_interval = 0.5\ncooldown_seconds = 60\n[codex]\nbin = \"{decide}\"\n[[tasks]]\nbranch = \"demo/term\"\n");
        using var host = new HostProcess(_dir.Path, "--config", "agent-config.yaml");

        (await TmuxServer.WaitFor(() => tmux.Capture("agent-demo-term").Contains("\nterm-2"), 30)).Should().BeTrue(host.StdErr);
        using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", host.Pid.ToString()])) kill.WaitForExit();

        host.WaitForExit(5).Should().Be(0, host.StdErr);
        File.ReadAllText(_dir[".tmuxagent/logs/orchestrator-actions.jsonl"]).Should().Contain("\"event\":\"command\"");
    }
}
