using TmuxAgent.Config;

namespace TmuxAgent.Tests.Host.Cli;

/// <summary>Keys that are read but do nothing are not passed over in silence: <c>--check-config</c> names each one,
/// with its file and line, as ignored (<see cref="IgnoredKeys"/>).</summary>
[Category("process")]
public class IgnoredKeysTests
{
    private TempDir _dir = null!;

    [SetUp] public void SetUp() => _dir = new TempDir();
    [TearDown] public void TearDown() => _dir.Dispose();

    [Test]
    public void Check_config_reports_every_key_without_effect_as_ignored_with_file_and_line()
    {
        // one key per line, top-level keys first, then the [section] ones: line n + 1 holds the n-th entry
        var toml = new List<string>();
        var expected = new List<(string File, int Line, string Key)>();
        foreach (var key in IgnoredKeys.Orchestrator.Keys.Where(k => !k.Contains('.')))
        {
            toml.Add($"{key} = true");
            expected.Add((".tmuxagent/orchestrator.toml", toml.Count, key));
        }
        foreach (var group in IgnoredKeys.Orchestrator.Keys.Where(k => k.Contains('.')).GroupBy(k => k[..k.IndexOf('.')]))
        {
            toml.Add($"[{group.Key}]");
            foreach (var key in group)
            {
                _dir.File($".tmuxagent/{key}.md", "template");
                toml.Add($"{key[(key.IndexOf('.') + 1)..]} = \"{key}.md\"");
                expected.Add((".tmuxagent/orchestrator.toml", toml.Count, key));
            }
        }
        _dir.File(".tmuxagent/orchestrator.toml", string.Join('\n', toml) + "\n");
        var yaml = new List<string>();
        foreach (var key in IgnoredKeys.Agent.Keys)
        {
            yaml.Add(key == "poll_interval_ms" ? $"{key}: 1500" : $"{key}: ./somewhere");
            expected.Add(("agent-config.yaml", yaml.Count, key));
        }
        _dir.File("agent-config.yaml", string.Join('\n', yaml) + "\n");

        var (code, output, err) = HostProcess.Run(_dir.Path, "--config", "agent-config.yaml", "--check-config");

        code.Should().Be(0, err);
        expected.Should().HaveCount(IgnoredKeys.Orchestrator.Count + IgnoredKeys.Agent.Count);
        foreach (var (file, line, key) in expected)
            err.Should().MatchRegex($@"warning: {System.Text.RegularExpressions.Regex.Escape(file)}:{line}:\d+: {System.Text.RegularExpressions.Regex.Escape(key)}: has no effect here \(ignored\)",
                $"{key} is read but changes nothing");
        output.Should().Contain("configuration OK with");
    }

    [Test]
    public void Keys_that_have_an_effect_are_not_reported()
    {
        foreach (var template in new[] { "summary.md", "delegate.md", "stuck.md" }) _dir.File($".tmuxagent/{template}", "template");
        _dir.File(".tmuxagent/orchestrator.toml", """
            poll_interval = 2
            cooldown_seconds = 5
            delegate_to_codex = false
            [codex]
            bin = "sh"
            [prompts]
            summary = "summary.md"
            delegate = "delegate.md"
            stuck_detection = "stuck.md"
            """);
        _dir.File("agent-config.yaml", "tmux_bin: tmux\n");

        var (code, output, err) = HostProcess.Run(_dir.Path, "--config", "agent-config.yaml", "--check-config");

        code.Should().Be(0, err);
        err.Should().NotContain("ignored");
        output.Should().Contain("configuration OK");
    }
}
