using TmuxAgent.Core.Agents;
using TmuxAgent.Core.Branches;
using TmuxAgent.Tests.Agents.Fixtures;
using TmuxAgent.Tests.Host.Loop;
using TmuxAgent.Tests.Replay;

namespace TmuxAgent.Tests.Agents;

/// <summary>
/// The agent checks against real Codex CLI and Claude Code in tmux panes (native binaries, loopback model server): a model
/// error screen leads to a stuck verdict and a notification, a finished turn to a summary the replay prints, and delegate
/// mode types nothing into the agent. The decision command is a script.
/// </summary>
[Category("tmux"), Category("agents")]
public sealed class RealAgentChecksTests : AgentServerTest
{
    private async Task<AgentPane> StartAgentAsync(string agent, string session)
    {
        var pane = AgentPane.Start(H.Tmux, session, Home(agent));
        (await pane.WaitForScreenAsync(AgentScreens.Idle(agent))).Should().BeTrue(pane.Screen());
        return pane;
    }

    private static string AgentTask(string branch, string session) =>
        LoopHarness.Task(branch, $"session = \"{session}\"\ninput_mode = \"codex_dialogue\"");

    [TestCase("codex"), TestCase("claude")]
    public async Task A_model_error_on_the_agent_s_screen_leads_to_a_stuck_verdict_and_a_notification(string agent)
    {
        Server.FailWhen = p => p.StartsWith("fail please", StringComparison.Ordinal);
        var pane = await StartAgentAsync(agent, "agent-real-err");
        await pane.SubmitAsync("fail please");
        (await pane.WaitForScreenAsync(AgentScreens.Error(agent))).Should().BeTrue(pane.Screen());
        var model = ScriptedModel.Write(H.Dir, stuck: """
            if echo "$prompt" | grep -Eq 'ERRORS (■|● API Error)'; then
              echo '{"stuck": true, "reason": "the model keeps failing", "suggestion": "retry the last step", "risk_level": "high"}'
            else echo '{"stuck": false, "reason": "no error on screen"}'; fi
            """);
        var loop = await H.StartAsync(H.Config(ScriptedModel.Toml(H.Dir, model, summary: false) + AgentTask("demo/real", "agent-real-err")),
            new ScriptedSource(_ => new Decision("wait", [])));

        await loop.RunCycleAsync(CancellationToken.None);

        var verdict = H.Observer.Events.OfType<StuckChecked>().Single();
        verdict.Stuck.Should().BeTrue(verdict.Reason);
        verdict.Evidence.Should().NotBeEmpty().And.OnlyContain(l => l.StartsWith("■ ") || l.StartsWith("● API Error:"));
        H.Bus("notifications.jsonl").Should().Contain("Stuck: demo/real").And.Contain("retry the last step");
        H.Observer.Events.OfType<ConfirmationRequested>().Single().Spec.Text.Should().Be("retry the last step", "a risky suggestion waits for approval");
        Server.Turns.Should().ContainSingle("the host typed nothing into the agent");
    }

    [TestCase("codex"), TestCase("claude")]
    public async Task A_finished_turn_is_summarised_into_the_audit_log_and_the_replay_prints_it(string agent)
    {
        Server.Delay = _ => TimeSpan.FromSeconds(2);
        var pane = await StartAgentAsync(agent, "agent-real-sum");
        var model = ScriptedModel.Write(H.Dir, summary: """
            if echo "$prompt" | grep -q 'Done with turn'; then echo '{"summary": "the agent answered the greeting"}'; else echo '{"summary": "the agent is starting"}'; fi
            """);
        var loop = await H.StartAsync(H.Config(ScriptedModel.Toml(H.Dir, model, stuck: false) + AgentTask("demo/sum", "agent-real-sum")),
            new ScriptedSource(_ => new Decision("wait", [])));
        await loop.RunCycleAsync(CancellationToken.None);

        await pane.SubmitAsync("say hello");
        // the turn must be seen busy: agent profiles read busy from the screen, so cycles start while the model thinks
        for (var i = 0; i < 100 && Server.Turns.Count == 0; i++) await Task.Delay(100);
        Server.Turns.Should().NotBeEmpty(pane.Screen());
        for (var i = 0; i < 20 && !H.Observer.Events.OfType<SummaryRecorded>().Any(s => s.Summary == "the agent answered the greeting"); i++)
        {
            await loop.RunCycleAsync(CancellationToken.None);
            await Task.Delay(600);
        }

        H.Observer.Events.OfType<SummaryRecorded>().Select(s => s.Summary).Should().Contain("the agent answered the greeting", pane.Screen());
        File.ReadAllText(H.AuditPath).Should().Contain("\"event\":\"summary\",\"summary\":\"the agent answered the greeting\"");
        var (_, stdout, _) = await ReplayCli.Run("--log", H.AuditPath, "--branch", "demo/sum");
        stdout.Should().Contain("Last summary: the agent answered the greeting");
        Server.Turns.Should().ContainSingle("summaries go through the decision command, never the agent");
    }

    [TestCase("codex"), TestCase("claude")]
    public async Task Delegate_mode_types_nothing_into_the_agent(string agent)
    {
        var pane = await StartAgentAsync(agent, "agent-real-del");
        var model = H.Dir.Script("model.sh", """
            cat > /dev/null
            echo '{"summary": "delegate", "commands": [{"text": "write the missing tests", "input_mode": "codex_dialogue"}]}'
            """);
        var config = H.Config($"delegate_to_codex = true\n[codex]\nbin = \"{model}\"\n" + AgentTask("demo/del", "agent-real-del"));
        var loop = await H.StartAsync(config, null!);

        for (var i = 0; i < 3; i++)
        {
            await loop.RunCycleAsync(CancellationToken.None);
            await Task.Delay(300);
        }

        H.Observer.Events.OfType<DelegateSuggested>().Should().NotBeEmpty()
            .And.OnlyContain(d => d.Commands.Single().Text == "write the missing tests");
        H.Observer.Events.Should().NotContain(e => e is CommandDispatched || e is CommandQueued);
        pane.Screen().Should().NotContain("write the missing tests");
        Server.Turns.Should().BeEmpty();
    }
}
