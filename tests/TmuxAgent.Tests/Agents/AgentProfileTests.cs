using TmuxAgent.Host.Agents;
using TmuxAgent.Config;
using TmuxAgent.Host.Config;

namespace TmuxAgent.Tests.Agents;

/// <summary>The built-in profiles read the screens captured from the real binaries (Agents/Screens, re-captured by
/// <see cref="ScreenCapture"/>): busy or idle from the screen alone, the input line, the model error line.</summary>
public sealed class AgentProfileTests
{
    private static string Screen(string name) => File.ReadAllText(Path.Combine(RepoRoot.Path, "tests/TmuxAgent.Tests/Agents/Screens", name + ".txt"));

    private static AgentProfile Profile(string agent) => agent == "codex" ? BuiltInAgentProfiles.Codex : BuiltInAgentProfiles.Claude;

    [TestCase("codex", "idle"), TestCase("codex", "done"), TestCase("codex", "pasted"), TestCase("codex", "pasted-long"), TestCase("codex", "error")]
    [TestCase("claude", "idle"), TestCase("claude", "done"), TestCase("claude", "pasted"), TestCase("claude", "pasted-long"), TestCase("claude", "error")]
    public void The_input_box_without_a_busy_line_is_idle(string agent, string screen) =>
        Profile(agent).Read(Screen($"{agent}-{screen}")).Activity.Should().Be(AgentActivity.Idle);

    [TestCase("codex", "busy"), TestCase("codex", "busy-with-text"), TestCase("claude", "busy"), TestCase("claude", "busy-with-text")]
    public void The_busy_line_wins_over_the_input_box(string agent, string screen) =>
        Profile(agent).Read(Screen($"{agent}-{screen}")).Activity.Should().Be(AgentActivity.Busy);

    [TestCase("codex", "› Ask Codex to do anything"), TestCase("claude", "❯")]
    public void The_input_line_of_an_empty_box_may_hold_placeholder_text(string agent, string line) =>
        Profile(agent).Read(Screen($"{agent}-idle")).InputLine.Should().Be(line);

    [TestCase("codex", "› a pasted prompt"), TestCase("claude", "❯\u00a0a pasted prompt")]
    public void The_input_line_holds_the_pasted_text_until_it_is_submitted(string agent, string line)
    {
        Profile(agent).Read(Screen($"{agent}-pasted")).InputLine.Should().Be(line);
        Profile(agent).Read(Screen($"{agent}-done")).InputLine.Should().NotBe(line);
    }

    [Test]
    public void Claudes_box_after_an_error_holds_placeholder_text_and_is_still_idle()
    {
        var read = BuiltInAgentProfiles.Claude.Read(Screen("claude-error"));
        read.InputLine.Should().Be("❯\u00a0Resend your message to try again", "Claude puts a no-break space after ❯");
        read.IsIdle.Should().BeTrue();
    }

    [TestCase("codex", "■ We"), TestCase("claude", "● API Error: 500")]
    public void A_model_error_line_is_read_and_shown_as_the_error_state(string agent, string start)
    {
        var read = Profile(agent).Read(Screen($"{agent}-error"));
        read.ErrorLine.Should().StartWith(start);
        read.StateName.Should().Be("error");
        Profile(agent).Read(Screen($"{agent}-done")).ErrorLine.Should().BeNull();
    }

    [TestCase("codex"), TestCase("claude")]
    public void A_shell_prompt_or_a_starting_agent_is_unknown_so_nothing_is_typed(string agent)
    {
        Profile(agent).Read("$ ls\nfile.txt\n$ ").Activity.Should().Be(AgentActivity.Unknown);
        Profile(agent).Read("").IsIdle.Should().BeFalse();
    }

    [Test]
    public void The_foreground_program_picks_the_profile_unless_the_task_names_one()
    {
        var profiles = new AgentProfiles([]);
        profiles.For(null, "codex")!.Name.Should().Be("codex");
        profiles.For(null, "claude")!.Name.Should().Be("claude");
        profiles.For(null, "bash").Should().BeNull();
        profiles.For("claude", "node")!.Name.Should().Be("claude");
        profiles.For("shell", "codex").Should().BeNull("agent = \"shell\" forces a shell");
    }

    [Test]
    public void A_user_profile_is_added_and_a_built_in_one_overridden_key_by_key()
    {
        var loc = new SourceLocation("orchestrator.toml", 1, 1);
        var profiles = new AgentProfiles(
        [
            new AgentProfileConfig { Name = "gemini", Programs = ["gemini"], Busy = "esc to cancel", Idle = "^>", Submit = SubmitMethods.Keys, Pause = 0.5, Location = loc },
            new AgentProfileConfig { Name = "codex", Busy = "^THINKING", Location = loc },
        ]);
        var gemini = profiles.For(null, "gemini")!;
        gemini.Submit.Should().Be(SubmitMethods.Keys);
        gemini.Pause.Should().Be(TimeSpan.FromSeconds(0.5));
        gemini.Read("output\n⠋ working (esc to cancel)\n> ").Activity.Should().Be(AgentActivity.Busy);
        gemini.Read("output\n>").Activity.Should().Be(AgentActivity.Idle);
        var codex = profiles["codex"]!;
        codex.Read("THINKING\n› ").Activity.Should().Be(AgentActivity.Busy);
        codex.Read(Screen("codex-busy")).Activity.Should().Be(AgentActivity.Idle, "the overridden busy pattern replaces the built-in one");
        codex.Idle.ToString().Should().Be(BuiltInAgentProfiles.Codex.Idle.ToString());
    }
}
