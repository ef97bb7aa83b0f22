using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Policy;

namespace TmuxAgent.Tests.Branches;

public class CommandPlacementSpecs : BranchSpecification
{
    [Test]
    public void A_command_for_an_idle_pane_is_dispatched_at_once()
    {
        Given().When(s => s.Decision("npm test"));
        var d = ThenSingle<CommandDispatched>();
        d.Spec.Text.Should().Be("npm test");
        d.Session.Should().Be("agent-storyapp-feature-x");
        d.DryRun.Should().BeFalse();
        Scenario.State.AwaitingReceipt.Should().ContainSingle(c => c.CommandId == d.CommandId);
    }

    [Test]
    public void A_command_for_a_busy_pane_waits_in_the_queue()
    {
        Given().When(s => s.Decision(Decide(Cmd("npm test")), busy: true));
        ThenSingle<CommandQueued>().Reason.Should().Be(QueueReasons.PaneBusy);
        ThenNone<CommandDispatched>();
        Scenario.State.Queue.Should().ContainSingle(q => q.Spec.Text == "npm test");
    }

    [Test]
    public void A_queued_command_goes_out_when_the_pane_is_idle_again()
    {
        Given().When(s => s.Decision(Decide(Cmd("npm test")), busy: true));
        var queued = ThenSingle<CommandQueued>();
        After(1).When(s => s.Tick(busy: true));
        ThenNone<CommandDispatched>();
        After(1).When(s => s.Tick(busy: false));
        var sent = ThenSingle<CommandDispatched>();
        sent.CommandId.Should().Be(queued.CommandId);
        sent.FromQueue.Should().BeTrue();
        Scenario.State.Queue.Should().BeEmpty();
    }

    [Test]
    public void A_second_command_waits_for_the_session_cooldown()
    {
        Given(OrchestratorPolicy.Default with { SessionCooldownSeconds = 20 })
            .When(s => s.Decision("git status", "npm test"));
        ThenSingle<CommandDispatched>().Spec.Text.Should().Be("git status");
        ThenSingle<CommandQueued>().Reason.Should().Be(QueueReasons.SessionCooldown);
        After(10).When(s => s.Tick());
        ThenNone<CommandDispatched>();
        After(10).When(s => s.Tick());
        ThenSingle<CommandDispatched>().Spec.Text.Should().Be("npm test");
    }

    [Test]
    public void Without_a_session_cooldown_both_commands_of_a_decision_go_out()
    {
        Given(OrchestratorPolicy.Default with { SessionCooldownSeconds = 0 }).When(s => s.Decision("git status", "npm test"));
        Then.OfType<CommandDispatched>().Select(d => d.Spec.Text).Should().Equal("git status", "npm test");
    }

    [Test]
    public void At_most_max_commands_per_cycle_are_taken_from_one_decision()
    {
        Given(OrchestratorPolicy.Default with { MaxCommandsPerCycle = 2, SessionCooldownSeconds = 0 })
            .When(s => s.Decision("a", "b", "c"));
        Then.OfType<CommandDispatched>().Should().HaveCount(2);
        ThenSingle<CommandDropped>().Should().Match<CommandDropped>(d => d.Spec.Text == "c" && d.Reason == DropReasons.OverCycleLimit);
    }

    [Test]
    public void A_command_already_queued_is_not_added_again()
    {
        Given().When(s => s.Decision(Decide(Cmd("npm test")), busy: true));
        When(s => s.Decision(Decide(Cmd("npm test")), busy: true));
        ThenSingle<CommandDropped>().Reason.Should().Be(DropReasons.Duplicate);
        Scenario.State.Queue.Should().HaveCount(1);
    }

    [Test]
    public void A_command_already_pending_approval_is_not_requested_again()
    {
        Given().When(s => s.Decision(Decide(Cmd("git push", "high"))));
        When(s => s.Decision(Decide(Cmd("git push", "high"))));
        ThenNone<ConfirmationRequested>();
        ThenSingle<CommandDropped>().Reason.Should().Be(DropReasons.Duplicate);
        Scenario.State.Pending.Should().HaveCount(1);
    }

    [Test]
    public void New_commands_keep_their_place_behind_older_queued_ones()
    {
        Given(OrchestratorPolicy.Default with { SessionCooldownSeconds = 0 })
            .When(s => s.Decision(Decide(Cmd("first")), busy: true));
        When(s => s.Decision(Decide(Cmd("second")), busy: false));
        ThenSingle<CommandQueued>().Reason.Should().Be(QueueReasons.BehindQueue);
        When(s => s.Tick());
        Then.OfType<CommandDispatched>().Select(d => d.Spec.Text).Should().Equal("first", "second");
    }

    [Test]
    public void A_command_with_neither_text_nor_keys_is_dropped()
    {
        Given().When(s => s.Decision(Decide(new Core.Commands.CommandSpec(null, []))));
        ThenSingle<CommandDropped>().Reason.Should().Be(DropReasons.Empty);
    }

    [Test]
    public void Dry_run_records_the_dispatch_without_waiting_for_a_receipt()
    {
        Given(OrchestratorPolicy.Default with { DryRun = true }).When(s => s.Decision("npm test"));
        ThenSingle<CommandDispatched>().DryRun.Should().BeTrue();
        Scenario.State.AwaitingReceipt.Should().BeEmpty();
        Scenario.State.Counters.DryRun.Should().Be(1);
        Scenario.State.Counters.Dispatched.Should().Be(0);
    }

    [Test]
    public void The_same_inputs_give_the_same_events()
    {
        IReadOnlyList<BranchEvent> Run()
        {
            Given().When(s => s.Decision(Decide(Cmd("a"), Cmd("b", "high")), busy: true));
            return Scenario.History;
        }
        Run().Should().BeEquivalentTo(Run(), o => o.WithStrictOrdering().RespectingRuntimeTypes());
    }
}
