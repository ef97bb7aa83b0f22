using System.Collections.Immutable;
using TmuxAgent.Core.Agents;
using TmuxAgent.Core.Branches;
using TmuxAgent.Host.Agents.Delegation;
using TmuxAgent.Host.Observers;
using TmuxAgent.Host.Web.Dashboard;
using TmuxAgent.Tests.Host.Loop;

namespace TmuxAgent.Tests.Agents;

/// <summary><c>delegate_to_codex = true</c> through the real loop: the delegate template is the prompt, nothing is typed.</summary>
[Category("tmux")]
public class DelegateModeTests
{
    private LoopHarness _h = null!;

    [SetUp] public void SetUp() => _h = new LoopHarness();
    [TearDown] public void TearDown() => _h.Dispose();

    private string Toml(bool besideCommand)
    {
        var command = _h.Dir.File("prompts-in/command.md", "COMMAND-TEMPLATE {branch}\n");
        var model = _h.Dir.Script("model.sh", """
            prompt=$(cat)
            case "$prompt" in
              *DELEGATE-TEMPLATE*) echo '{"summary": "delegating", "commands": [{"text": "echo typed-$((6*7))"}, {"text": "rm -rf build", "risk_level": "high"}]}' ;;
              *) echo '{"commands": [{"text": "echo wrong-template"}]}' ;;
            esac
            """);
        string prompts;
        if (besideCommand)
        {
            _h.Dir.File("prompts-in/" + DelegateTemplate.BesideCommand, "DELEGATE-TEMPLATE {branch}\n");
            prompts = $"command = \"{command}\"\n";
        }
        else prompts = $"command = \"{command}\"\ndelegate = \"{_h.Dir.File("elsewhere/delegate.md", "DELEGATE-TEMPLATE {branch}\n")}\"\n";
        return $"delegate_to_codex = true\n[codex]\nbin = \"{model}\"\n[prompts]\n{prompts}\n";
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task Decided_commands_become_delegate_suggestions_and_nothing_is_typed(bool besideCommand)
    {
        _h.Tmux.NewSession("agent-demo-del");
        var config = _h.Config(Toml(besideCommand) + LoopHarness.Task("demo/del", "session = \"agent-demo-del\""));
        var loop = await _h.StartAsync(config, null!);

        await loop.RunCycleAsync(CancellationToken.None);
        await Task.Delay(500);

        var suggested = _h.Observer.Events.OfType<DelegateSuggested>().Single();
        suggested.Commands.Select(c => c.Text).Should().Equal("echo typed-$((6*7))", "rm -rf build");
        _h.Observer.Events.Should().NotContain(e => e is CommandDispatched || e is CommandQueued || e is ConfirmationRequested);
        _h.Tmux.Capture("agent-demo-del").Should().NotContain("typed-").And.NotContain("wrong-template");
        _h.Bus("commands.jsonl").Should().BeEmpty();
        File.ReadAllText(_h.AuditPath).Should().Contain("\"event\":\"delegate_suggested\"");

        var snapshot = new OrchestratorSnapshot(loop.Board.Branches.ToImmutableSortedDictionary(StringComparer.Ordinal), config.Tasks, false,
            ImmutableDictionary<string, DateTimeOffset>.Empty, DateTimeOffset.UtcNow);
        OrchestratorView.From(snapshot, DateTimeOffset.UtcNow, null, "done").Branches.Single().DelegateSuggestions!.Commands
            .Should().Equal("echo typed-$((6*7))", "rm -rf build");
    }

    [Test]
    public void Without_delegate_mode_or_a_delegate_template_the_command_prompt_stays()
    {
        var command = _h.Dir.File("p/command.md", "x");
        _h.Dir.File("p/" + DelegateTemplate.BesideCommand, "y");
        DelegateTemplate.PathFor(_h.Config($"[prompts]\ncommand = \"{command}\"\n")).Should().BeNull("delegate_to_codex is false");
        DelegateTemplate.PathFor(_h.Config("delegate_to_codex = true\n")).Should().BeNull("no command prompt to look beside");
        DelegateTemplate.PathFor(_h.Config($"delegate_to_codex = true\n[prompts]\ncommand = \"{command}\"\n")).Should().Be(_h.Dir["p/command_delegate.md"]);
    }
}
