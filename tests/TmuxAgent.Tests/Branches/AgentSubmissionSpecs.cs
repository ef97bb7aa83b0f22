using TmuxAgent.Core.Branches;

namespace TmuxAgent.Tests.Branches;

/// <summary>Receipts from agents: a confirmed submission is delivered with how it was seen and waits for no exit status;
/// a prompt never typed goes back to the queue; a typed one that was not taken is recorded and never typed again.</summary>
public class AgentSubmissionSpecs : BranchSpecification
{
    [Test]
    public void A_confirmed_submission_is_delivered_with_how_and_waits_for_no_exit_status()
    {
        Given().When(s => s.Decision("fix the failing test"));
        var id = ThenSingle<CommandDispatched>().CommandId;

        When(new ReportSubmission(id, "codex", SubmissionConfirmations.BusyLine, 1, true));

        ThenSingle<CommandDelivered>().Should().Match<CommandDelivered>(d => d.Agent == "codex" && d.Confirmation == "busy_line" && d.EnterPresses == 1);
        Scenario.State.AwaitingReceipt.Should().BeEmpty();
        Scenario.State.Running.Should().BeEmpty("an agent's prompt has no exit status to wait for, so it never stalls");
    }

    [Test]
    public void A_prompt_never_typed_goes_back_to_the_queue_and_out_at_the_next_idle_cycle()
    {
        Given().When(s => s.Decision("fix the failing test"));
        var id = ThenSingle<CommandDispatched>().CommandId;

        When(new ReportSubmission(id, "claude", null, 0, Typed: false, "claude not idle within 3 s; nothing typed"));

        ThenSingle<CommandNotSubmitted>().Typed.Should().BeFalse();
        ThenSingle<CommandQueued>().CommandId.Should().Be(id);
        After(60).When(s => s.Tick(busy: false));
        ThenSingle<CommandDispatched>().CommandId.Should().Be(id);
    }

    [Test]
    public void A_typed_prompt_that_was_not_taken_is_never_typed_again()
    {
        Given().When(s => s.Decision("fix the failing test"));
        var id = ThenSingle<CommandDispatched>().CommandId;

        When(new ReportSubmission(id, "codex", null, 2, Typed: true, "the input box still held the text after a second Enter"));

        ThenSingle<CommandNotSubmitted>().EnterPresses.Should().Be(2);
        ThenNone<CommandQueued>();
        Scenario.State.Queue.Should().BeEmpty();
        Scenario.State.AwaitingReceipt.Should().BeEmpty();
        Scenario.State.Counters.Failures.Should().Be(1);
    }

    [Test]
    public void Receipts_are_counted_by_agent_and_result_and_a_shell_delivery_is_not()
    {
        var state = BranchEvolver.Fold(BranchState.New(Branch),
        [
            new CommandDelivered("c1", "codex", SubmissionConfirmations.BusyLine, 1) { Branch = Branch, At = T0 },
            new CommandDelivered("c2", "codex", SubmissionConfirmations.BusyLine, 2) { Branch = Branch, At = T0 },
            new CommandDelivered("c3", "codex", SubmissionConfirmations.ReplyStarted, 1) { Branch = Branch, At = T0 },
            new CommandNotSubmitted("c4", "claude", "busy", Typed: false, 0) { Branch = Branch, At = T0 },
            new CommandNotSubmitted("c5", "codex", "box still full", Typed: true, 2) { Branch = Branch, At = T0 },
            new CommandDelivered("c6") { Branch = Branch, At = T0 },
        ]);

        var counted = state.Counters.AgentSubmissions.ToDictionary(a => a.Key, a => a.Value.ToDictionary(r => r.Key, r => r.Value));
        counted.Should().BeEquivalentTo(new Dictionary<string, Dictionary<string, long>>
        {
            ["codex"] = new() { [SubmissionConfirmations.BusyLine] = 2, [SubmissionConfirmations.ReplyStarted] = 1, [AgentSubmissionResults.NotSubmitted] = 1 },
            ["claude"] = new() { [AgentSubmissionResults.NotTyped] = 1 },
        });
    }

    [Test]
    public void A_receipt_for_a_command_not_awaiting_one_is_ignored()
    {
        Given().When(new ReportSubmission("cmd-unknown", "codex", SubmissionConfirmations.BusyLine, 1, true));
        Then.Should().BeEmpty();
    }
}
