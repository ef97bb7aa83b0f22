using TmuxAgent.Core.Agents;
using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;
using TmuxAgent.Tests.Host.Loop;
using TmuxAgent.Tests.Replay;

namespace TmuxAgent.Tests.Agents;

/// <summary>Summaries and stuck checks through the real loop, real tmux panes and a scripted decision command.</summary>
[Category("tmux")]
public class AgentLoopTests
{
    private LoopHarness _h = null!;

    [SetUp] public void SetUp() => _h = new LoopHarness();
    [TearDown] public void TearDown() => _h.Dispose();

    private static readonly ScriptedSource NoCommands = new(_ => new Decision("watching", []));

    /// <summary>A pane printing "working", then "done" once the flag file exists: one agent turn.</summary>
    private string StartTurn(string session)
    {
        var flag = _h.Dir["turn.flag"];
        _h.Tmux.NewSession(session, $"sh -c 'echo working; while [ ! -f {flag} ]; do sleep 0.05; done; echo done; exec sleep 600'");
        return flag;
    }

    [Test]
    public async Task A_finished_turn_is_summarised_into_the_audit_log_and_the_replay_prints_it()
    {
        var flag = StartTurn("agent-demo-sum");
        var model = ScriptedModel.Write(_h.Dir);
        var loop = await _h.StartAsync(_h.Config(ScriptedModel.Toml(_h.Dir, model, stuck: false) + LoopHarness.Task("demo/sum", "session = \"agent-demo-sum\"\ninput_mode = \"codex_dialogue\"")), NoCommands);
        (await TmuxServer.WaitFor(() => _h.Tmux.Capture("agent-demo-sum").Contains("working"))).Should().BeTrue();

        await loop.RunCycleAsync(CancellationToken.None);               // first look: idle
        File.WriteAllText(flag, "");
        (await TmuxServer.WaitFor(() => _h.Tmux.Capture("agent-demo-sum").Contains("done"))).Should().BeTrue();
        await loop.RunCycleAsync(CancellationToken.None);               // the screen changed: busy
        _h.Observer.Events.Should().NotContain(e => e is SummaryRecorded, "the turn is not over while the screen changes");
        await loop.RunCycleAsync(CancellationToken.None);               // unchanged: idle again, the turn finished

        _h.Observer.Events.OfType<SummaryRecorded>().Single().Summary.Should().Be("the agent printed done");
        var prompt = ScriptedModel.Prompts(_h.Dir, ScriptedModel.SummaryMarker).Single();
        prompt.Should().Contain("SUMMARY-TEMPLATE for demo/sum in agent-demo-sum").And.Contain("\"branch\":\"demo/sum\"").And.Contain("done");
        File.ReadAllText(_h.AuditPath).Should().Contain("\"event\":\"summary\",\"summary\":\"the agent printed done\"");
        loop.Board["demo/sum"].Summaries.Should().ContainSingle();

        await loop.RunCycleAsync(CancellationToken.None);
        _h.Observer.Events.OfType<SummaryRecorded>().Should().ContainSingle("no new turn finished");

        var (exit, stdout, _) = await ReplayCli.Run("--log", _h.AuditPath);
        exit.Should().Be(0);
        stdout.Should().Contain("Last summary: the agent printed done");
    }

    [Test]
    public async Task A_shell_pane_gets_no_summary_and_no_stuck_check()
    {
        _h.Tmux.NewSession("agent-demo-shell");
        var model = ScriptedModel.Write(_h.Dir);
        var loop = await _h.StartAsync(_h.Config(ScriptedModel.Toml(_h.Dir, model) + LoopHarness.Task("demo/shell", "session = \"agent-demo-shell\"")), NoCommands);

        await loop.RunCycleAsync(CancellationToken.None);
        await loop.RunCycleAsync(CancellationToken.None);

        _h.Observer.Events.Should().NotContain(e => e is SummaryRecorded || e is StuckChecked);
        Directory.GetFiles(_h.Dir["prompts"]).Should().BeEmpty("the decision command was not asked");
    }

    [Test]
    public async Task A_model_error_on_the_screen_is_evidence_for_a_stuck_verdict_that_notifies_and_proposes_the_suggestion()
    {
        _h.Tmux.NewSession("agent-demo-err", "sh -c 'echo \"■ stream error: unexpected status 500 Internal Server Error\"; exec sleep 600'");
        var model = ScriptedModel.Write(_h.Dir,
            stuck: """if echo "$prompt" | grep -q 'ERRORS ■ stream error'; then echo '{"stuck": true, "reason": "the model failed", "suggestion": "please try again"}'; else echo '{"stuck": false, "reason": "no evidence"}'; fi""");
        var loop = await _h.StartAsync(_h.Config(ScriptedModel.Toml(_h.Dir, model, summary: false) + LoopHarness.Task("demo/err", "session = \"agent-demo-err\"")), NoCommands);
        (await TmuxServer.WaitFor(() => _h.Tmux.Capture("agent-demo-err").Contains("stream error"))).Should().BeTrue();

        await loop.RunCycleAsync(CancellationToken.None);

        var verdict = _h.Observer.Events.OfType<StuckChecked>().Single();
        verdict.Stuck.Should().BeTrue();
        verdict.Reason.Should().Be("the model failed");
        verdict.Evidence.Should().ContainSingle().Which.Should().StartWith("■ stream error: unexpected status 500");
        ScriptedModel.Prompts(_h.Dir, ScriptedModel.StuckMarker).Single().Should().Contain("\"agent_errors\":[\"■ stream error");
        _h.Bus("notifications.jsonl").Should().Contain("Stuck: demo/err").And.Contain("please try again").And.Contain("\"kind\":\"stuck\"");
        var queued = _h.Observer.Events.OfType<CommandQueued>().Single();
        (queued.Spec.Text, queued.Spec.InputMode, queued.Reason).Should().Be(("please try again", InputModes.CodexDialogue, QueueReasons.PaneBusy));
        File.ReadAllText(_h.AuditPath).Should().Contain("\"event\":\"stuck_checked\"");

        await loop.RunCycleAsync(CancellationToken.None);
        _h.Observer.Events.OfType<StuckChecked>().Should().ContainSingle("the next check waits max(60 s, poll_interval)");
    }

    [Test]
    public async Task A_failing_stuck_check_is_recorded_as_a_model_error_and_not_stuck()
    {
        _h.Tmux.NewSession("agent-demo-fail", "sleep 600");
        var model = ScriptedModel.Write(_h.Dir, stuck: "echo '{\"stuck\": \"yes\"}'");
        var loop = await _h.StartAsync(_h.Config(ScriptedModel.Toml(_h.Dir, model, summary: false) + LoopHarness.Task("demo/fail", "session = \"agent-demo-fail\"")), NoCommands);

        await loop.RunCycleAsync(CancellationToken.None);

        var verdict = _h.Observer.Events.OfType<StuckChecked>().Single();
        (verdict.Stuck, verdict.Reason, verdict.Notify).Should().Be((false, "model_error:invalid_payload_type", false));
        _h.Bus("notifications.jsonl").Should().BeEmpty();
    }
}
