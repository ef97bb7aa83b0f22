using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Policy;

namespace TmuxAgent.Tests.Branches;

/// <summary>An idle branch whose decider keeps saying "nothing to do" does not append two events per cycle: after one
/// no-op answer is recorded, requests are asked quietly and answers repeating it are counted, then recorded as one
/// <see cref="DecisionsRepeated"/>; anything else is recorded in full.</summary>
public class QuietDecisionSpecs : BranchSpecification
{
    private static readonly Decision Idle = new("nothing to do", []);
    private static readonly OrchestratorPolicy Every45s = OrchestratorPolicy.Default with { PollIntervalSeconds = 45, QuietRecordSeconds = 900 };

    /// <summary>One cycle of the host: a tick, then the answer if the source is asked.</summary>
    private IReadOnlyList<BranchEvent> Cycle(Decision answer, double latency = 0.5)
    {
        var ticked = Scenario.When(Scenario.Tick());
        if (!Scenario.AsksForDecision(ticked)) return ticked;
        var id = Scenario.State.OpenDecisionId ?? Scenario.NextDecisionId();
        return [.. ticked, .. Scenario.When(new ReceiveDecision(id, answer, PaneObservation.Idle, latency))];
    }

    private List<BranchEvent> IdleCycles(int n)
    {
        var events = new List<BranchEvent>();
        for (var i = 0; i < n; i++)
        {
            events.AddRange(Cycle(Idle));
            After(45);
        }
        return events;
    }

    [Test]
    public void After_a_no_op_answer_the_next_cycle_asks_without_recording_a_request()
    {
        Given(Every45s);
        Cycle(Idle).Select(e => e.GetType()).Should().Equal(typeof(DecisionRequested), typeof(DecisionReceived));
        After(45);
        var ticked = Scenario.When(Scenario.Tick());
        ticked.Should().BeEmpty();
        Scenario.AsksForDecision(ticked).Should().BeTrue();
    }

    [Test]
    public void Repeats_of_the_same_no_op_answer_are_counted_and_recorded_once_per_record_interval()
    {
        Given(Every45s);
        var events = IdleCycles(41);   // the first answer, then 40 repeats over 30 minutes
        events.OfType<DecisionRequested>().Should().ContainSingle();
        events.OfType<DecisionReceived>().Should().ContainSingle();
        var runs = events.OfType<DecisionsRepeated>().ToList();
        runs.Should().HaveCount(1, "the first repeat came at 45 s; its run is recorded by the cycle at 945 s, before that cycle's answer");
        runs[0].Count.Should().Be(20);
        runs[0].Since.Should().Be(T0.AddSeconds(45));
        runs[0].LatencySeconds.Should().BeApproximately(20 * 0.5, 1e-9);
        Scenario.Unrecorded!.Count.Should().Be(20);
        Scenario.State.Counters.Decisions.Should().Be(21);
        (Scenario.State.Counters.Decisions + Scenario.Unrecorded.Count).Should().Be(41, "every answer is recorded or counted");
    }

    [Test]
    public void Stopping_records_the_run_so_every_answer_is_counted()
    {
        Given(Every45s);
        IdleCycles(6);
        When(new RecordQuietRun());
        ThenSingle<DecisionsRepeated>().Count.Should().Be(5);
        Scenario.State.Counters.Decisions.Should().Be(6);
        Scenario.State.Counters.RepeatedDecisions.Should().Be(5);
        Scenario.Unrecorded.Should().BeNull();
        When(new RecordQuietRun());
        Then.Should().BeEmpty();
    }

    [Test]
    public void A_changed_answer_after_quiet_repeats_is_recorded_in_full_and_acted_on()
    {
        Given(Every45s);
        IdleCycles(4);
        var events = Cycle(Decide(Cmd("npm test")), latency: 2);
        events.Select(e => e.GetType()).Should().Equal(
            typeof(DecisionsRepeated), typeof(DecisionRequested), typeof(DecisionReceived), typeof(CommandDispatched));
        events.OfType<DecisionsRepeated>().Single().Count.Should().Be(3);
        var request = events.OfType<DecisionRequested>().Single();
        request.At.Should().Be(Scenario.Now.AddSeconds(-2), "the request is recorded at the time it was made");
        request.DecisionId.Should().Be(events.OfType<DecisionReceived>().Single().DecisionId);
        events.OfType<CommandDispatched>().Single().Spec.Text.Should().Be("npm test");
        Scenario.Unrecorded.Should().BeNull();
        Scenario.State.Counters.Decisions.Should().Be(5);
    }

    [Test]
    public void A_no_op_answer_with_another_summary_is_recorded_in_full()
    {
        Given(Every45s);
        IdleCycles(3);
        Cycle(new Decision("still waiting for CI", [])).Select(e => e.GetType())
            .Should().Equal(typeof(DecisionsRepeated), typeof(DecisionRequested), typeof(DecisionReceived));
        After(45);
        Cycle(new Decision("still waiting for CI", [])).Should().BeEmpty("it repeats the new answer");
    }

    [Test]
    public void An_answer_that_notifies_or_moves_the_phase_is_never_only_counted()
    {
        Given(Every45s);
        IdleCycles(2);
        Cycle(Idle with { Notify = "ping" }).OfType<DecisionReceived>().Should().ContainSingle();
        After(45);
        Cycle(Idle with { Notify = "ping" }).OfType<DecisionReceived>().Should().ContainSingle("an answer that notifies is recorded every time");
        After(45);
        Cycle(Idle with { Phase = "coding" }).OfType<PhaseChanged>().Should().ContainSingle();
    }

    [Test]
    public void A_failure_after_quiet_repeats_is_recorded_with_its_request_and_ends_the_quiet()
    {
        Given(Every45s);
        IdleCycles(3);
        var ticked = Scenario.When(Scenario.Tick());
        Scenario.AsksForDecision(ticked).Should().BeTrue();
        When(new FailDecision(Scenario.NextDecisionId(), DecisionErrorKinds.Timeout, "killed"));
        Then.Select(e => e.GetType()).Should().Equal(typeof(DecisionsRepeated), typeof(DecisionRequested), typeof(DecisionFailed));
        Scenario.State.QuietAnswer.Should().BeNull();
        After(60);
        When(s => s.Tick());
        ThenSingle<DecisionRequested>();
    }

    [Test]
    public void After_an_answer_with_commands_requests_are_recorded_again()
    {
        Given(Every45s with { CooldownSeconds = 0 });
        IdleCycles(2);
        Cycle(Decide(Cmd("npm test")));
        After(45);
        When(s => s.Tick());
        ThenSingle<DecisionRequested>();
    }

    [Test]
    public void With_a_record_interval_of_zero_each_repeat_is_one_event()
    {
        Given(Every45s with { QuietRecordSeconds = 0 });
        var events = IdleCycles(5);
        events.OfType<DecisionsRepeated>().Select(r => r.Count).Should().Equal(1, 1, 1, 1);
        events.Should().HaveCount(2 + 4);
    }

    [Test]
    public void A_quiet_branch_that_becomes_blocked_is_not_asked()
    {
        Given(Every45s, Plan(Branch, "storyapp/base"));
        var done = new Dictionary<string, string?> { ["storyapp/base"] = "done" };
        When(s => s.Tick(dependencyPhases: done));
        ThenSingle<DecisionRequested>();
        When(s => s.Decision(Idle));
        After(45);
        var ticked = Scenario.When(Scenario.Tick(dependencyPhases: done));
        Scenario.AsksForDecision(ticked).Should().BeTrue();
        After(45);
        ticked = Scenario.When(Scenario.Tick(dependencyPhases: new Dictionary<string, string?> { ["storyapp/base"] = "coding" }));
        ticked.OfType<BranchBlocked>().Should().ContainSingle();
        Scenario.AsksForDecision(ticked).Should().BeFalse();
    }

    [Test]
    public void A_run_is_recorded_by_a_later_cycle_when_no_answer_follows()
    {
        Given(Every45s, Plan(Branch, "storyapp/base"));
        var done = new Dictionary<string, string?> { ["storyapp/base"] = "done" };
        When(s => s.Tick(dependencyPhases: done));
        When(s => s.Decision(Idle));
        for (var i = 0; i < 3; i++)
        {
            After(45);
            Scenario.AsksForDecision(Scenario.When(Scenario.Tick(dependencyPhases: done))).Should().BeTrue();
            When(new ReceiveDecision(Scenario.NextDecisionId(), Idle, PaneObservation.Idle, 0.5));
            Then.Should().BeEmpty();
        }
        var waiting = new Dictionary<string, string?> { ["storyapp/base"] = "coding" };
        After(45).When(s => s.Tick(dependencyPhases: waiting));
        ThenNone<DecisionsRepeated>();
        After(900).When(s => s.Tick(dependencyPhases: waiting));
        ThenSingle<DecisionsRepeated>().Count.Should().Be(3);
        Scenario.Unrecorded.Should().BeNull();
    }
}
