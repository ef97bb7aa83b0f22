using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;
using TmuxAgent.Core.Policy;

namespace TmuxAgent.Tests.Branches;

public class CycleSpecs : BranchSpecification
{
    [Test]
    public void An_idle_branch_asks_for_a_decision()
    {
        Given().When(s => s.Tick());
        ThenSingle<DecisionRequested>();
        Scenario.State.OpenDecisionId.Should().NotBeNull();
    }

    [Test]
    public void No_decision_is_asked_for_within_the_branch_cooldown_after_a_dispatch()
    {
        Given(OrchestratorPolicy.Default with { CooldownSeconds = 120 }).When(s => s.Decision("npm test"));
        After(60).When(s => s.Tick());
        ThenNone<DecisionRequested>();
        After(60).When(s => s.Tick());
        ThenSingle<DecisionRequested>();
    }

    [Test]
    public void A_completed_branch_gets_no_commands()
    {
        Given().When(s => s.Decision(new Decision("finished", [], Phase: "done")));
        ThenSingle<PhaseChanged>().Should().Match<PhaseChanged>(p => p.From == "planning" && p.To == "done");
        After(600).When(s => s.Tick());
        Then.Should().BeEmpty();
        When(s => s.Decision("echo more"));
        ThenSingle<CommandDropped>().Reason.Should().Be(DropReasons.Completed);
    }

    [Test]
    public void Repeated_decision_errors_back_off_exponentially_up_to_a_cap()
    {
        Given(OrchestratorPolicy.Default with { PollIntervalSeconds = 10, MaxBackoffSeconds = 35 });
        var waits = new List<double>();
        for (var i = 0; i < 4; i++)
        {
            When(new FailDecision($"d{i}", DecisionErrorKinds.JsonParseError, "not json"));
            var failed = ThenSingle<DecisionFailed>();
            waits.Add((failed.RetryAt - Scenario.Now).TotalSeconds);
            After(waits[^1] - 1).When(s => s.Tick());
            ThenNone<DecisionRequested>();
            After(1).When(s => s.Tick());
            ThenSingle<DecisionRequested>();
        }
        waits.Should().Equal(10, 20, 35, 35);
    }

    [Test]
    public void A_notification_is_asked_for_when_failures_reach_the_threshold()
    {
        Given(OrchestratorPolicy.Default with { FailureAlertThreshold = 3 });
        var notify = Enumerable.Range(0, 4).Select(i =>
        {
            When(new FailDecision($"d{i}", DecisionErrorKinds.Timeout, "timed out"));
            return ThenSingle<DecisionFailed>().Notify;
        }).ToList();
        notify.Should().Equal(false, false, true, false);
        Scenario.State.Counters.DecisionErrors[DecisionErrorKinds.Timeout].Should().Be(4);
    }

    [Test]
    public void A_good_decision_resets_the_back_off()
    {
        Given().When(new FailDecision("d0", DecisionErrorKinds.EmptyOutput, ""));
        When(s => s.Decision(new Decision("ok", [])));
        Scenario.State.ConsecutiveFailures.Should().Be(0);
        Scenario.State.RetryAt.Should().BeNull();
    }

    [Test]
    public void A_shell_command_is_tracked_from_receipt_to_exit_status()
    {
        Given().When(s => s.Decision("npm test"));
        var id = ThenSingle<CommandDispatched>().CommandId;
        When(new ReportDelivery(id, true));
        ThenSingle<CommandDelivered>();
        Scenario.State.Running.Should().ContainSingle();
        When(new ReportCompletion(id, 1));
        ThenSingle<CommandCompleted>().ExitStatus.Should().Be(1);
        Scenario.State.Counters.Failures.Should().Be(1);
        Scenario.State.Running.Should().BeEmpty();
    }

    [Test]
    public void A_failed_delivery_is_recorded_and_counted()
    {
        Given().When(s => s.Decision("npm test"));
        When(new ReportDelivery(ThenSingle<CommandDispatched>().CommandId, false, "pane gone"));
        ThenSingle<CommandDeliveryFailed>().Reason.Should().Be("pane gone");
        Scenario.State.AwaitingReceipt.Should().BeEmpty();
    }

    [Test]
    public void A_command_lost_before_it_was_typed_waits_for_a_human_under_a_new_id_and_runs_once_approved()
    {
        Given(OrchestratorPolicy.Default with { CooldownSeconds = 10_000, SessionCooldownSeconds = 0 }).When(s => s.Decision("npm test"));
        var lost = ThenSingle<CommandDispatched>();
        When(new ReportDelivery(lost.CommandId, false, "not seen after restart", AskBeforeResending: true));
        ThenSingle<CommandDeliveryFailed>();
        var ask = ThenSingle<ConfirmationRequested>();
        ask.Should().Match<ConfirmationRequested>(r => r.Reason == ConfirmationReasons.ResendUndelivered && r.Spec == lost.Spec
            && r.CommandId == CommandIds.Resend(lost.CommandId) && r.CommandId != lost.CommandId);
        Scenario.State.Pending.Should().ContainSingle();

        When(new Approve(ask.CommandId, null, "ops", "portal", null, PaneObservation.Idle));
        ThenSingle<CommandDispatched>().Should().Match<CommandDispatched>(d => d.CommandId == ask.CommandId && d.Spec == lost.Spec && d.Approved);
    }

    [Test]
    public void A_failed_delivery_without_doubt_about_the_pane_asks_nobody()
    {
        Given().When(s => s.Decision("npm test"));
        When(new ReportDelivery(ThenSingle<CommandDispatched>().CommandId, false, "typed text not seen"));
        ThenNone<ConfirmationRequested>();
        Scenario.State.Pending.Should().BeEmpty();
    }

    [Test]
    public void A_command_running_past_the_stall_timeout_is_a_stall_and_notifies_after_the_retries()
    {
        Given(OrchestratorPolicy.Default with { StallTimeoutSeconds = 300, StallRetriesBeforeNotify = 2, CooldownSeconds = 10_000 })
            .When(s => s.Decision("npm test"));
        When(new ReportDelivery(ThenSingle<CommandDispatched>().CommandId, true));
        After(299).When(s => s.Tick(busy: true));
        ThenNone<StallDetected>();
        After(1).When(s => s.Tick(busy: true));
        ThenSingle<StallDetected>().Should().Match<StallDetected>(s => s.Count == 1 && !s.Notify);
        After(100).When(s => s.Tick(busy: true));
        ThenNone<StallDetected>();
        After(200).When(s => s.Tick(busy: true));
        ThenSingle<StallDetected>().Should().Match<StallDetected>(s => s.Count == 2 && s.Notify);
    }

    [Test]
    public void Dry_run_commands_never_stall()
    {
        Given(OrchestratorPolicy.Default with { DryRun = true, CooldownSeconds = 10_000 }).When(s => s.Decision("npm test"));
        After(10_000).When(s => s.Tick(busy: true));
        ThenNone<StallDetected>();
    }

    [Test]
    public void Planning_the_same_task_again_changes_nothing_and_an_edit_is_recorded()
    {
        Given().When(new PlanTask(Plan()));
        Then.Should().BeEmpty();
        When(new PlanTask(Plan() with { Title = "Feature X, renamed" }));
        ThenSingle<TaskChanged>().Plan.Title.Should().Be("Feature X, renamed");
        Scenario.State.Phase.Should().Be("planning");
    }
}
