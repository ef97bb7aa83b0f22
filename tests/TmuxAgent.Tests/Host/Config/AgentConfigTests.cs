using TmuxAgent.Config;
using TmuxAgent.Host.Config;

namespace TmuxAgent.Tests.Host.Config;

public class AgentConfigTests
{
    [Test]
    public void The_original_file_loads_with_every_key()
    {
        var c = Parse("""
            poll_interval_ms: 1500
            tmux_bin: tmux
            sqlite_path: ~/.tmux_agent/state.db
            approval_dir: ~/.tmux_agent/approvals
            bus_dir: ~/.tmux_agent/bus
            notify: wecom,local_bus
            hosts:
              - name: local
                tmux:
                  socket: default
                  session_filters: ["^agent-"]
                  pane_name_patterns: [".*"]
                  capture_lines: 2000
              - name: remote
                ssh:
                  host: build.example
                  port: 2222
                  user: ci
                  key: ~/.ssh/id_ed25519
                  timeout: 10
                tmux:
                  socket: agents
            """);

        c.Config.BusDir.Should().Be(Path.Combine(ConfigPaths.Home, ".tmux_agent/bus"));
        c.Config.Notify.Should().Equal("wecom", "local_bus");
        c.Config.NotifiesLocalBus.Should().BeTrue();
        c.Config.Hosts.Should().HaveCount(2);
        c.Config.Hosts[0].Tmux.SessionFilters.Should().Equal("^agent-");
        c.Config.Hosts[1].Ssh!.Port.Should().Be(2222);
        c.Config.Hosts[1].Tmux.Socket.Should().Be("agents");
        c.Config.Hosts[1].Ssh!.TmuxBin.Should().Be("tmux");
        c.Config.Hosts[1].Ssh!.KnownHostsFile.Should().BeNull();
        c.Warnings.Should().OnlyContain(w => IgnoredKeys.Agent.ContainsKey(w.Key) && w.Message.Contains("(ignored)"),
            "remote panes are driven over ssh; only the keys without effect (poll_interval_ms, sqlite_path, approval_dir) are reported");
    }

    [Test]
    public void A_wrong_type_names_file_line_column_and_key()
    {
        var act = () => Parse("poll_interval_ms: 1500\nhosts:\n  - name: local\n    tmux:\n      capture_lines: lots\n");

        act.Should().Throw<ConfigException>().Which.Errors.Single().ToString()
            .Should().Be("agent-config.yaml:5:22: hosts[0].tmux.capture_lines: expected an integer, got \"lots\"");
    }

    [Test]
    public void A_syntax_error_names_the_line()
    {
        var act = () => Parse("poll_interval_ms: 1500\nhosts: [\n  - name: x\n");

        act.Should().Throw<ConfigException>().Which.Errors.Single().Location.Line.Should().BeGreaterThan(1);
    }

    [Test]
    public void Unknown_keys_warn_and_bad_regexes_are_errors()
    {
        Parse("tmux_binn: tmux\n").Warnings.Single().ToString().Should().Be("agent-config.yaml:1:1: tmux_binn: unknown key (ignored)");
        var act = () => Parse("hosts:\n  - tmux:\n      session_filters: [\"(\"]\n");
        act.Should().Throw<ConfigException>().Which.Errors.Single().Key.Should().Be("hosts[0].tmux.session_filters");
    }

    private static ConfigLoad<AgentConfig> Parse(string yaml) => AgentConfigLoader.Parse(yaml, "agent-config.yaml", "/tmp/x/agent-config.yaml");
}
