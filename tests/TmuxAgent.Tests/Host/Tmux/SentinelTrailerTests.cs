using TmuxAgent.Core.Commands;
using TmuxAgent.Host.Tmux;

namespace TmuxAgent.Tests.Host.Tmux;

public class SentinelTrailerTests
{
    [Test]
    public void The_typed_line_never_matches_but_its_output_does()
    {
        var typed = SentinelTrailer.Wrap("npm test", "abc123", 0);
        SentinelTrailer.FindExitStatus("$ " + typed, "abc123").Should().BeNull();
        SentinelTrailer.FindExitStatus($"$ {typed}\nok\n\n__TMUXAGENT_EXIT__ abc123 7\n$ ", "abc123").Should().Be(7);
        SentinelTrailer.FindExitStatus("__TMUXAGENT_EXIT__ other 0\n", "abc123").Should().BeNull();
    }

    [Test]
    public void A_positive_command_timeout_wraps_the_text_with_timeout()
    {
        SentinelTrailer.Wrap("echo 'hi'", "t", 45).Should().StartWith("timeout 45 sh -c 'echo '\\''hi'\\'''; printf");
        SentinelTrailer.Wrap("echo hi", "t", 0).Should().StartWith("echo hi; printf");
    }

    [Test]
    public void Dialogue_mode_adds_no_trailer_and_maps_ctrl_c_to_escape()
    {
        var spec = new CommandSpec("write the tests", ["C-c"], true, InputMode: InputModes.CodexDialogue);
        PaneTyper.TypedText(spec, "cmd-1", 45).Should().Be("write the tests");
        PaneTyper.MapKey("C-c", InputModes.CodexDialogue).Should().Be("Escape");
        PaneTyper.MapKey("C-c", InputModes.Shell).Should().Be("C-c");
    }
}
