using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;

namespace TmuxAgent.Tests.Branches;

/// <summary>Issue 17 items 1 and 9: what a command may hold before anything of it is typed.</summary>
public class CommandRulesSpecs : BranchSpecification
{
    private static CommandSpec WithKeys(string? text, params string[] keys) => new(text, keys, true, "high");

    [Test]
    public void Keys_that_are_not_tmux_key_names_make_the_whole_decision_invalid_and_nothing_is_placed()
    {
        Given().When(s => s.Decision(Decide(Cmd("npm test"), WithKeys("echo visible", "echo SMUGGLED > f", "Enter"))));

        var failed = ThenSingle<DecisionFailed>();
        failed.Kind.Should().Be(DecisionErrorKinds.InvalidPayloadType);
        failed.Message.Should().Contain("commands[1].keys[0]").And.Contain("not a tmux key name");
        ThenNone<ConfirmationRequested>();
        ThenNone<CommandDispatched>();
        ThenNone<CommandQueued>();
        Scenario.State.Counters.DecisionErrors[DecisionErrorKinds.InvalidPayloadType].Should().Be(1);
    }

    [TestCase("Escape")] [TestCase("Enter")] [TestCase("Tab")] [TestCase("BSpace")] [TestCase("Space")] [TestCase("Up")]
    [TestCase("Down")] [TestCase("Left")] [TestCase("Right")] [TestCase("Home")] [TestCase("End")] [TestCase("PPage")]
    [TestCase("NPage")] [TestCase("PageUp")] [TestCase("PageDown")] [TestCase("F1")] [TestCase("F12")] [TestCase("C-a")]
    [TestCase("C-z")] [TestCase("M-a")] [TestCase("M-z")] [TestCase("^C")] [TestCase("escape")]
    public void Tmux_key_names_are_keys(string key) => TmuxKeyNames.IsKeyName(key).Should().BeTrue();

    [TestCase("echo SMUGGLED")] [TestCase("ls")] [TestCase("C-")] [TestCase("C-ab")] [TestCase("F13")] [TestCase("")]
    [TestCase(" Enter")] [TestCase("Enter\n")] [TestCase("ctrl-c")] [TestCase("M-1")] [TestCase("C-\u00e9")]
    public void Anything_else_is_not_a_key(string key) => TmuxKeyNames.IsKeyName(key).Should().BeFalse();

    [TestCase("echo a\u0000; rm -rf x", "U+0000")]
    [TestCase("echo \u001b[31mred", "U+001B")]
    [TestCase("echo a\rb", "U+000D")]
    [TestCase("echo a\u007f\u007f\u007f", "U+007F")]
    [TestCase("echo \u0003", "U+0003")]
    [TestCase("echo \u009b", "U+009B")]
    public void Control_characters_in_text_make_the_decision_invalid(string text, string named)
    {
        Given().When(s => s.Decision(Decide(Cmd(text, "high"))));
        ThenSingle<DecisionFailed>().Message.Should().Contain(named);
        ThenNone<ConfirmationRequested>();
    }

    [Test]
    public void Tabs_and_newlines_in_entered_text_are_allowed_multi_line_prompts_still_work()
    {
        Given().When(s => s.Decision(Decide(Cmd("printf 'a\\tb'\techo one\necho two"),
            new CommandSpec("line one\nline two", [], true, InputMode: InputModes.CodexDialogue))));
        ThenNone<DecisionFailed>();
        Then.OfType<CommandDispatched>().Should().HaveCount(1, "the second waits for the session cool-down");
    }

    [Test]
    public void A_newline_in_shell_text_with_enter_false_is_refused_since_the_newline_itself_would_run_it()
    {
        Given().When(s => s.Decision(Decide(new CommandSpec("echo one\necho two", [], Enter: false))));
        ThenSingle<DecisionFailed>().Message.Should().Contain("enter = false");
    }

    [Test]
    public void Display_shows_the_keys_after_the_text()
    {
        WithKeys("echo visible", "Escape", "Enter").Display.Should().Be("echo visible \u27E8Escape\u27E9 \u27E8Enter\u27E9");
        WithKeys(null, "C-c").Display.Should().Be("\u27E8C-c\u27E9");
        CommandSpec.Of("npm test").Display.Should().Be("npm test");
    }

    [Test]
    public void An_approval_by_text_that_two_pending_commands_share_approves_neither_and_by_id_works()
    {
        Given().When(s => s.Decision(Decide(WithKeys("echo visible"), WithKeys("echo visible", "Escape"))));
        var ids = Then.OfType<ConfirmationRequested>().Select(r => r.CommandId).ToList();
        ids.Should().HaveCount(2);

        When(new Approve(null, "echo visible", "bob", "localbus", null, PaneObservation.Idle));
        Then.Should().BeEmpty("the text names two pending commands");
        Scenario.State.PendingWithText("echo visible").Select(p => p.CommandId).Should().BeEquivalentTo(ids);

        When(new Approve(ids[1], "echo visible", "bob", "localbus", null, PaneObservation.Idle));
        ThenSingle<CommandDispatched>().Spec.Keys.Should().Equal("Escape");
    }
}
