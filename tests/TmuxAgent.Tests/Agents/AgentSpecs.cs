using TmuxAgent.Core.Agents;
using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;
using TmuxAgent.Core.Policy;
using TmuxAgent.Tests.Branches;

namespace TmuxAgent.Tests.Agents;

/// <summary>Summaries, stuck verdicts and delegate mode as policy: given facts, when a report arrives, then these facts.</summary>
public class AgentSpecs : BranchSpecification
{
    private static readonly PaneObservation Idle = PaneObservation.Idle;

    private static ReportStuck Stuck(string id, string? suggestion = null, string risk = "low", bool stuck = true) =>
        new(id, stuck, "model error on screen", suggestion is null ? null : new CommandSpec(suggestion, [], true, risk, InputModes.CodexDialogue),
            ["■ stream error: 500"], Idle);

    [Test]
    public void A_summary_is_recorded_and_the_last_ten_are_kept()
    {
        Given();
        for (var i = 1; i <= 12; i++) When(new RecordSummary($"  turn {i} done  "));
        ThenSingle<SummaryRecorded>().Summary.Should().Be("turn 12 done");
        Scenario.State.Summaries.Select(s => s.Summary).Should().Equal(Enumerable.Range(3, 10).Select(i => $"turn {i} done"));
    }

    [Test]
    public void An_empty_summary_records_nothing()
    {
        Given().When(new RecordSummary(" \n "));
        Then.Should().BeEmpty();
    }

    [Test]
    public void Summaries_and_stuck_checks_keep_their_pace()
    {
        var policy = OrchestratorPolicy.Default with { PollIntervalSeconds = 45 };
        Given(policy);
        AgentCadence.SummaryDue(Scenario.State, policy, Scenario.Now).Should().BeTrue();
        AgentCadence.StuckCheckDue(Scenario.State, policy, Scenario.Now).Should().BeTrue();
        When(new RecordSummary("one")).When(Stuck("s1", stuck: false));

        After(44);
        AgentCadence.SummaryDue(Scenario.State, policy, Scenario.Now).Should().BeFalse("at most one summary per poll interval");
        After(1);
        AgentCadence.SummaryDue(Scenario.State, policy, Scenario.Now).Should().BeTrue();
        AgentCadence.StuckCheckDue(Scenario.State, policy, Scenario.Now).Should().BeFalse("stuck checks wait at least 60 s");
        After(15);
        AgentCadence.StuckCheckDue(Scenario.State, policy, Scenario.Now).Should().BeTrue();

        var slow = policy with { PollIntervalSeconds = 90 };
        AgentCadence.StuckCheckDue(Scenario.State, slow, Scenario.Now).Should().BeFalse("or a poll interval when that is longer");
    }

    [Test]
    public void A_stuck_verdict_asks_for_one_notification_per_run_of_stuck_verdicts()
    {
        Given().When(Stuck("s1"));
        ThenSingle<StuckChecked>().Should().Match<StuckChecked>(c => c.Stuck && c.Notify && c.Evidence.Single() == "■ stream error: 500");
        When(Stuck("s2"));
        ThenSingle<StuckChecked>().Notify.Should().BeFalse("still the same stuck spell");
        When(Stuck("s3", stuck: false));
        ThenSingle<StuckChecked>().Notify.Should().BeFalse();
        When(Stuck("s4"));
        ThenSingle<StuckChecked>().Notify.Should().BeTrue();
        Scenario.State.Counters.StuckVerdicts.Should().Be(3);
    }

    [Test]
    public void A_suggestion_goes_out_like_a_decided_command()
    {
        Given().When(Stuck("s1", "continue with the tests"));
        var d = ThenSingle<CommandDispatched>();
        d.Spec.Text.Should().Be("continue with the tests");
        d.Spec.InputMode.Should().Be(InputModes.CodexDialogue);
        d.CommandId.Should().Be(CommandIds.For("s1", 0));
    }

    [Test]
    public void A_risky_suggestion_waits_for_approval_and_a_busy_pane_queues_it()
    {
        Given().When(Stuck("s1", "git reset --hard", "high"));
        ThenSingle<ConfirmationRequested>().Reason.Should().Be("risk_level=high");
        ThenNone<CommandDispatched>();

        When(new ReportStuck("s2", true, "loop", new CommandSpec("stop looping", [], true, "low", InputModes.CodexDialogue), [], PaneObservation.Working));
        ThenSingle<CommandQueued>().Reason.Should().Be(QueueReasons.PaneBusy);
    }

    [Test]
    public void A_suggestion_of_a_verdict_that_is_not_stuck_is_ignored()
    {
        Given().When(Stuck("s1", "do something", stuck: false));
        Then.Should().ContainSingle().Which.Should().BeOfType<StuckChecked>();
    }

    [Test]
    public void Delegate_mode_records_decided_commands_as_suggestions_and_types_nothing()
    {
        var policy = OrchestratorPolicy.Default with { DelegateToCodex = true };
        Given(policy).When(s => s.Decision(Decide(Cmd("npm test"), Cmd("rm -rf build", "high"))));
        ThenSingle<DelegateSuggested>().Commands.Select(c => c.Text).Should().Equal("npm test", "rm -rf build");
        ThenNone<CommandDispatched>();
        ThenNone<CommandQueued>();
        ThenNone<ConfirmationRequested>();
        ThenNone<CommandDropped>();
        Scenario.State.LastDelegateSuggestions!.Commands.Should().HaveCount(2);

        When(Stuck("s1", "continue"));
        ThenSingle<DelegateSuggested>().DecisionId.Should().Be("s1");
        ThenNone<CommandDispatched>();
    }

    [Test]
    public void Delegate_mode_still_moves_the_phase_and_records_the_decision()
    {
        Given(OrchestratorPolicy.Default with { DelegateToCodex = true }).When(s => s.Decision(new Decision("go", [], Phase: "coding")));
        ThenSingle<DecisionReceived>();
        ThenSingle<PhaseChanged>().To.Should().Be("coding");
        ThenNone<DelegateSuggested>();
    }
}
