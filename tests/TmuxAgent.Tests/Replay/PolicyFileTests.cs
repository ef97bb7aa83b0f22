using TmuxAgent.Core.Policy;
using TmuxAgent.Replay.Rerun;

namespace TmuxAgent.Tests.Replay;

/// <summary><c>rerun --orchestrator-config</c> reads the file with the orchestrator's own loader (TmuxAgent.Config).</summary>
public class PolicyFileTests
{
    [Test]
    public void The_policy_keys_are_read_on_top_of_the_original_defaults_and_integers_count_as_floats()
    {
        var policy = PolicyFile.Parse("""
            poll_interval = 30
            cooldown_seconds = 60.5
            max_commands_per_cycle = 3
            completion_phase = "shipped"
            dry_run = true
            history_lines = 100
            dashboard_port = 8702
            [codex]
            bin = "codex"
            [[tasks]]
            branch = "a/x"
            """, "orchestrator.toml");

        policy.Should().BeEquivalentTo(OrchestratorPolicy.Default with
        {
            PollIntervalSeconds = 30, CooldownSeconds = 60.5, MaxCommandsPerCycle = 3, CompletionPhase = "shipped", DryRun = true,
        });
    }

    [TestCase("max_commands_per_cycle = 2.5", "orchestrator.toml:1:26: max_commands_per_cycle: expected an integer, got 2.5")]
    [TestCase("\n\npoll_interval = \"soon\"", "orchestrator.toml:3:17: poll_interval: expected a number, got \"soon\"")]
    [TestCase("dry_run = 1", "orchestrator.toml:1:11: dry_run: expected a boolean, got 1")]
    [TestCase("default_phase = [\"a\"]", "orchestrator.toml:1:17: default_phase: expected a string, got an array")]
    [TestCase("cooldown_seconds = 1\ncooldown_seconds = 2", null)]
    public void A_wrong_value_names_file_line_column_and_key(string toml, string? expected)
    {
        var act = () => PolicyFile.Parse(toml, "orchestrator.toml");

        var error = act.Should().Throw<PolicyFileException>().Which.Message;
        if (expected is not null) error.Should().Be(expected);
        else error.Should().StartWith("orchestrator.toml:");
    }

    [Test]
    public void A_syntax_error_names_file_and_line()
    {
        var act = () => PolicyFile.Parse("poll_interval = 30\ncooldown_seconds = = 4\n", "conf/orchestrator.toml");

        act.Should().Throw<PolicyFileException>().WithMessage("conf/orchestrator.toml:2:*");
    }
}
