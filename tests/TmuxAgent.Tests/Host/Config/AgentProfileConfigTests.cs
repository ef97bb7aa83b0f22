using TmuxAgent.Config;
using TmuxAgent.Host.Config;

namespace TmuxAgent.Tests.Host.Config;

/// <summary><c>[agents.NAME]</c> and a task's <c>agent</c>: parsed with positions; every mistake names file, line, key.</summary>
public sealed class AgentProfileConfigTests
{
    private static OrchestratorConfig Parse(string toml) => OrchestratorConfigLoader.Parse(toml, "orchestrator.toml", "/x/orchestrator.toml").Config;

    private static string Error(string toml)
    {
        var act = () => Parse(toml);
        return act.Should().Throw<ConfigException>().Which.Errors.Single().ToString();
    }

    [Test]
    public void A_user_profile_and_a_task_naming_it_are_read()
    {
        var c = Parse("""
            [agents.aider]
            programs = ["aider"]
            busy = '^Waiting for'
            idle = '^> '
            error = '^litellm\.'
            submit = "keys"
            pause = 0.4

            [[tasks]]
            branch = "a"
            agent = "aider"
            """);
        var p = c.Agents.Single();
        (p.Name, p.Busy, p.Idle, p.Error, p.Submit, p.Pause).Should().Be(("aider", "^Waiting for", "^> ", @"^litellm\.", "keys", 0.4));
        p.Programs.Should().Equal("aider");
        c.Tasks.Single().Agent.Should().Be("aider");
    }

    [TestCase("codex"), TestCase("claude"), TestCase("shell")]
    public void A_task_may_name_a_built_in_profile_or_shell(string agent) =>
        Parse($"[[tasks]]\nbranch = \"a\"\nagent = \"{agent}\"\n").Tasks.Single().Agent.Should().Be(agent);

    [Test]
    public void A_task_without_agent_leaves_it_to_the_foreground_program() =>
        Parse("[[tasks]]\nbranch = \"a\"\n").Tasks.Single().Agent.Should().BeNull();

    [Test]
    public void An_unknown_agent_names_the_known_ones() =>
        Error("[[tasks]]\nbranch = \"a\"\nagent = \"gemini\"\n")
            .Should().Be("orchestrator.toml:3:9: tasks.agent: expected one of \"codex\", \"claude\", \"shell\" (built-in or [agents.NAME]), got \"gemini\"");

    [Test]
    public void A_new_profile_needs_busy_and_idle()
    {
        var act = () => Parse("[agents.gemini]\nbusy = 'x'\n");
        act.Should().Throw<ConfigException>().Which.Errors.Single().ToString()
            .Should().Be("orchestrator.toml:1:1: agents.gemini.idle: expected a regular expression (a new agent profile needs busy and idle)");
    }

    [Test]
    public void A_built_in_profile_may_override_a_single_key() =>
        Parse("[agents.codex]\npause = 0.5\n").Agents.Single().Should().Match<AgentProfileConfig>(a => a.Pause == 0.5 && a.Busy == null);

    [Test]
    public void A_bad_regular_expression_is_an_error_at_its_value() =>
        Error("[agents.codex]\nbusy = '(unclosed'\n").Should().StartWith("orchestrator.toml:2:8: agents.codex.busy: not a valid regular expression:");

    [Test]
    public void An_unknown_submit_method_is_an_error() =>
        Error("[agents.codex]\nsubmit = \"type\"\n").Should().Be("orchestrator.toml:2:10: agents.codex.submit: expected one of \"paste\", \"keys\", got \"type\"");

    [Test]
    public void Shell_is_reserved() =>
        Error("[agents.shell]\nbusy = 'x'\nidle = 'y'\n").Should().Contain("\"shell\" is reserved");
}
