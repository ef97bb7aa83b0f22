using TmuxAgent.Core.Commands;
using TmuxAgent.Host.Tmux;
using TmuxAgent.Tests.Host.Loop;

namespace TmuxAgent.Tests.Security;

/// <summary>
/// What "literal" guarantees: tmux types the text character by character; key names (Enter, C-c) and shell syntax in it
/// are never interpreted by tmux or by the host. Only the pane's own shell can run it, and only when Enter is sent
/// (a command with <c>enter = false</c> never runs).
/// </summary>
[Category("tmux")]
public class SendKeysLiteralTests
{
    [Test]
    public async Task Shell_syntax_and_key_names_in_a_command_are_typed_as_characters_and_nothing_runs_without_Enter()
    {
        using var tmux = new TmuxServer();
        tmux.NewSession("agent-sec-literal");
        var marker = Path.Combine(Path.GetTempPath(), "tmuxagent-pwned-" + Guid.NewGuid().ToString("N")[..8]);
        var text = $"$(touch {marker}) `touch {marker}` ; touch {marker} Enter C-c";
        var pane = new PaneTarget(new TmuxClient("tmux", tmux.Socket), "agent-sec-literal", tmux.Run(["display-message", "-p", "-t", "=agent-sec-literal:", "#{pane_id}"]).Trim());

        await PaneTyper.TypeAsync(pane, new CommandSpec(text, [], false, "low"), "cmd-sec", 0);

        (await TmuxServer.WaitFor(() => tmux.Capture("agent-sec-literal").Contains(text))).Should().BeTrue("the text shows exactly as given");
        await Task.Delay(300);
        File.Exists(marker).Should().BeFalse("neither tmux nor the host ran it, and no Enter was sent");
        tmux.Capture("agent-sec-literal").Should().NotContain("\n$ \n", "the typed 'Enter' was not a key press");
        tmux.CurrentCommand("agent-sec-literal").Should().Be("bash", "the typed 'C-c' did not interrupt anything");
    }
}
