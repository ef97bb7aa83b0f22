using TmuxAgent.Core.Branches;

namespace TmuxAgent.Tests.Branches;

public class ConfirmationSpecs : BranchSpecification
{
    private string RequestApproval(string text = "rm -rf build", string risk = "high")
    {
        Given().When(s => s.Decision(Decide(Cmd(text, risk))));
        return ThenSingle<ConfirmationRequested>().CommandId;
    }

    [Test]
    public void A_risky_command_waits_for_approval()
    {
        RequestApproval();
        ThenNone<CommandDispatched>();
        Scenario.State.Pending.Should().ContainSingle(p => p.Spec.Text == "rm -rf build");
    }

    [Test]
    public void A_decision_that_requires_confirmation_holds_even_low_risk_commands()
    {
        Given().When(s => s.Decision(Decide(Cmd("npm publish")) with { RequiresConfirmation = true }));
        ThenSingle<ConfirmationRequested>().Reason.Should().Be("requires_confirmation");
    }

    [Test]
    public void Approving_by_id_runs_exactly_the_approved_command()
    {
        var id = RequestApproval();
        When(new Approve(id, null, "bob", "portal", "ok", PaneObservation.Idle));
        ThenSingle<ConfirmationApproved>().Should().Match<ConfirmationApproved>(a => a.Who == "bob" && a.Channel == "portal");
        var sent = ThenSingle<CommandDispatched>();
        sent.CommandId.Should().Be(id);
        sent.Spec.Text.Should().Be("rm -rf build");
        sent.Approved.Should().BeTrue();
        Scenario.State.Pending.Should().BeEmpty();
    }

    [Test]
    public void Approving_by_exact_text_works_as_the_original_did()
    {
        RequestApproval("git push origin HEAD");
        When(new Approve(null, "git push origin HEAD", "bob", "local_bus", null, PaneObservation.Idle));
        ThenSingle<CommandDispatched>().Spec.Text.Should().Be("git push origin HEAD");
    }

    [Test]
    public void An_approval_for_a_busy_pane_queues_the_command_first_in_line()
    {
        var id = RequestApproval();
        When(new Approve(id, null, "bob", "portal", null, PaneObservation.Working));
        ThenSingle<CommandQueued>().Reason.Should().Be(QueueReasons.Approved);
        When(s => s.Tick());
        ThenSingle<CommandDispatched>().Approved.Should().BeTrue();
    }

    [Test]
    public void An_approval_naming_neither_id_nor_text_approves_nothing()
    {
        RequestApproval();
        When(new Approve(null, null, "bob", "local_bus", null, PaneObservation.Idle));
        Then.Should().BeEmpty();
        When(new Approve("", "", "bob", "local_bus", null, PaneObservation.Idle));
        Then.Should().BeEmpty();
        Scenario.State.Pending.Should().HaveCount(1);
    }

    [Test]
    public void Approving_twice_dispatches_once()
    {
        var id = RequestApproval();
        When(new Approve(id, null, "bob", "portal", null, PaneObservation.Idle));
        When(new Approve(id, null, "bob", "portal", null, PaneObservation.Idle));
        Then.Should().BeEmpty();
        Scenario.History.OfType<CommandDispatched>().Should().ContainSingle();
    }

    [Test]
    public void The_id_wins_over_the_text()
    {
        Given().When(s => s.Decision(Decide(Cmd("a", "high"), Cmd("b", "high"))));
        var ids = Then.OfType<ConfirmationRequested>().Select(c => c.CommandId).ToList();
        When(new Approve(ids[1], "a", "bob", "local_bus", null, PaneObservation.Idle));
        ThenSingle<CommandDispatched>().Spec.Text.Should().Be("b");
    }

    [Test]
    public void Denying_drops_the_command_and_it_never_runs()
    {
        var id = RequestApproval();
        When(new Deny(id, null, "bob", "portal", "too risky"));
        ThenSingle<ConfirmationDenied>().Comment.Should().Be("too risky");
        Scenario.State.Pending.Should().BeEmpty();
        When(s => s.Tick());
        ThenNone<CommandDispatched>();
        When(new Approve(id, null, "bob", "portal", null, PaneObservation.Idle));
        Then.Should().BeEmpty();
    }

    [Test]
    public void No_new_decision_is_asked_for_while_an_approval_is_pending()
    {
        RequestApproval();
        After(600).When(s => s.Tick());
        ThenNone<DecisionRequested>();
    }
}
