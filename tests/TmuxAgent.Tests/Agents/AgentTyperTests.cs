using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;
using TmuxAgent.Host.Agents;
using TmuxAgent.Host.Tmux;
using TmuxAgent.Tests.Host;
using TmuxAgent.Tests.Host.Loop;

namespace TmuxAgent.Tests.Agents;

/// <summary>The typing rules on a scripted "agent" in a real tmux pane (its screens are whatever the script prints): the
/// text goes in once; Enter is pressed a second time only into an idle box that still holds the text; nothing is typed
/// into a busy agent; no exit-status trailer. (tmux drops trailing spaces of a captured line, so the idle pattern is <c>^&gt;</c>.)</summary>
[Category("tmux")]
public sealed class AgentTyperTests
{
    private static readonly AgentProfile Fake = AgentProfile.Of("fake", ["fake"], busy: "^WORKING", idle: "^>", error: "^ERROR", pauseSeconds: 0.1);
    private static readonly AgentTimings Quick = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1.5), TimeSpan.FromMilliseconds(50));

    private static (TmuxServer Tmux, TempDir Dir, PaneTarget Pane) Start(string script)
    {
        var tmux = new TmuxServer();
        var dir = new TempDir();
        tmux.Run(["new-session", "-d", "-s", "fake", "-x", "120", "-y", "30", dir.Script("agent.sh", script)]);
        return (tmux, dir, new PaneTarget(new TmuxClient("tmux", tmux.Socket), "fake", "=fake:"));
    }

    [Test]
    public async Task A_prompt_taken_by_the_agent_is_confirmed_by_its_busy_line_after_one_Enter()
    {
        var (tmux, dir, pane) = Start("printf '> '; while IFS= read -r line; do printf 'WORKING on %s\\n' \"$line\"; sleep 3; printf 'done\\n> '; done");
        using var _ = tmux; using var __ = dir;
        (await TmuxServer.WaitFor(() => tmux.Capture("fake").Contains("> "))).Should().BeTrue();

        var result = await new AgentTyper(Quick).SubmitAsync(pane, Fake, CommandSpec.Of("make it so"));

        result.Should().Be(AgentSubmission.Confirmed(SubmissionConfirmations.BusyLine, 1));
        tmux.Capture("fake").Should().Contain("WORKING on make it so").And.NotContain("__TMUXAGENT_");
    }

    [Test]
    public async Task An_Enter_that_is_not_taken_is_pressed_once_more_and_the_text_is_never_typed_again()
    {
        var (tmux, dir, pane) = Start("printf '> '; exec cat >/dev/null");
        using var _ = tmux; using var __ = dir;
        (await TmuxServer.WaitFor(() => tmux.Capture("fake").Contains("> "))).Should().BeTrue();

        var result = await new AgentTyper(Quick).SubmitAsync(pane, Fake, CommandSpec.Of("never taken"));

        result.Confirmation.Should().BeNull();
        result.Typed.Should().BeTrue();
        result.EnterPresses.Should().Be(2);
        System.Text.RegularExpressions.Regex.Matches(tmux.Capture("fake"), "never taken").Should().HaveCount(1, "the text is typed once");
    }

    [Test]
    public async Task Nothing_is_typed_into_a_busy_agent()
    {
        var (tmux, dir, pane) = Start("printf 'WORKING hard\\n> '; exec cat >/dev/null");
        using var _ = tmux; using var __ = dir;
        (await TmuxServer.WaitFor(() => tmux.Capture("fake").Contains("WORKING"))).Should().BeTrue();

        var result = await new AgentTyper(Quick).SubmitAsync(pane, Fake, CommandSpec.Of("wait for me"));

        result.Should().Be(AgentSubmission.NotTyped("fake not idle within 1 s; nothing typed"));
        tmux.Capture("fake").Should().NotContain("wait for me");
    }
}
