using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;
using TmuxAgent.Core.Projections.Timeline;

namespace TmuxAgent.Tests.Projections;

/// <summary>The timeline of a branch (<see cref="BranchTimeline"/>): given a page of its stream newest first, then these entries.</summary>
public class BranchTimelineSpecs
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 4, 3, 0, 0, TimeSpan.Zero);
    private const string B = "demo/web";

    private static T At<T>(T e, double seconds) where T : BranchEvent => e with { Branch = B, At = T0.AddSeconds(seconds) };

    /// <summary>The events as appended (positions 1, 2, …), read back newest first as a page of the store gives them.</summary>
    private static IReadOnlyList<TimelineEntry> Given(params BranchEvent[] appended) =>
        BranchTimeline.Project(appended.Select((e, i) => new PositionedEvent(i + 1, e)).Reverse());

    private static readonly CommandSpec Test = CommandSpec.Of("npm test");
    private static readonly CommandSpec Wipe = CommandSpec.Of("rm -rf build", "high");

    [Test]
    public void A_decision_shows_its_summary_latency_and_the_commands_it_proposed()
    {
        var entries = Given(
            At(new DecisionRequested("dec-1") { Branch = B, At = T0 }, 0),
            At(new DecisionReceived("dec-1", "run the tests", [Test, Wipe], false, "build", ["waiting for review"], null, 1.25, false) { Branch = B, At = T0 }, 1.3));

        var d = entries.Should().ContainSingle().Subject;
        (d.Kind, d.State, d.Summary, d.LatencySeconds, d.Phase, d.Position).Should().Be(("decision", "received", "run the tests", 1.25, "build", 2L));
        d.Proposed.Should().Equal("npm test", "rm -rf build");
        d.Blockers.Should().Equal("waiting for review");
        d.Events.Should().Equal("decision_requested", "decision_received");
    }

    [Test]
    public void Unchanged_answers_recorded_as_one_event_show_as_one_repeated_decision_with_their_count()
    {
        var entries = Given(
            At(new DecisionReceived("dec-1", "waiting for the agent", [], false, null, [], null, 1.0, false) { Branch = B, At = T0 }, 0),
            At(new DecisionsRepeated("dec-1", 4, T0.AddSeconds(45), 6.0) { Branch = B, At = T0 }, 900));

        entries.Select(e => (e.Kind, e.State)).Should().Equal(("decision", "repeated"), ("decision", "received"));
        var r = entries[0];
        (r.DecisionId, r.Count, r.LatencySeconds, r.Position).Should().Be(("dec-1", 4, 1.5, 2L));
        r.Message.Should().Be("4 unchanged answers since 2026-12-04 03:00:45 UTC");
        TimelineKinds.EventTypesOf("decision").Should().Contain("decisions_repeated");
    }

    [Test]
    public void A_dispatched_command_shows_its_exit_status_and_duration()
    {
        var entries = Given(
            At(new CommandDispatched("cmd-1", "agent-demo-web", Test, false, false, false) { Branch = B, At = T0 }, 10),
            At(new CommandDelivered("cmd-1") { Branch = B, At = T0 }, 10.5),
            At(new CommandCompleted("cmd-1", 3) { Branch = B, At = T0 }, 14));

        var c = entries.Should().ContainSingle().Subject;
        (c.Kind, c.CommandId, c.Text, c.State, c.ExitStatus, c.DurationSeconds, c.Position).Should().Be(("command", "cmd-1", "npm test", "completed", 3, 4.0, 3L));
        c.Steps!.Select(s => s.State).Should().Equal("dispatched", "delivered", "completed");
    }

    [Test]
    public void An_approved_command_shows_who_approved_it_with_their_comment_then_its_dispatch()
    {
        var entries = Given(
            At(new ConfirmationRequested("cmd-2", "agent-demo-web", Wipe, "risk_level=high") { Branch = B, At = T0 }, 0),
            At(new ConfirmationApproved("cmd-2", "rm -rf build", "alice", "portal", "fine, it is a scratch dir") { Branch = B, At = T0 }, 60),
            At(new CommandDispatched("cmd-2", "agent-demo-web", Wipe, false, false, true) { Branch = B, At = T0 }, 61));

        var c = entries.Single();
        (c.State, c.RiskLevel).Should().Be(("dispatched", "high"));
        c.Steps![0].Should().BeEquivalentTo(new CommandStep("pending", T0, 1, Detail: "risk_level=high"));
        c.Steps[1].Should().BeEquivalentTo(new CommandStep("approved", T0.AddSeconds(60), 2, "alice", "portal", "fine, it is a scratch dir"));
        c.Steps[2].Detail.Should().Be("approved");
        c.ExitStatus.Should().BeNull();
    }

    [Test]
    public void A_denied_command_ends_denied_and_a_pending_one_stays_pending()
    {
        var entries = Given(
            At(new ConfirmationRequested("cmd-3", "s", Wipe, "requires_confirmation") { Branch = B, At = T0 }, 0),
            At(new ConfirmationRequested("cmd-4", "s", Test, "requires_confirmation") { Branch = B, At = T0 }, 1),
            At(new ConfirmationDenied("cmd-3", "rm -rf build", "bob", "local_bus", null) { Branch = B, At = T0 }, 2));

        entries.Select(e => (e.CommandId, e.State)).Should().Equal(("cmd-3", "denied"), ("cmd-4", "pending"));
        entries[0].Steps![1].Who.Should().Be("bob");
    }

    [Test]
    public void Entries_keep_the_order_of_their_newest_event_and_other_events_stand_alone()
    {
        var entries = Given(
            At(new CommandQueued("cmd-5", "s", Test, "pane_busy") { Branch = B, At = T0 }, 0),
            At(new PhaseChanged("planning", "build") { Branch = B, At = T0 }, 1),
            At(new BranchBlocked(["demo/api"]) { Branch = B, At = T0 }, 2),
            At(new CommandDispatched("cmd-5", "s", Test, false, true, false) { Branch = B, At = T0 }, 3),
            At(new StallDetected("cmd-5", 1, true) { Branch = B, At = T0 }, 400),
            At(new BranchUnblocked("demo/api finished") { Branch = B, At = T0 }, 401));

        entries.Select(e => e.Kind).Should().Equal("unblocked", "command", "blocked", "phase");
        var command = entries[1];
        command.Steps!.Select(s => s.State).Should().Equal("queued", "dispatched", "stalled");
        (command.State, command.Notification, command.Steps![1].Detail).Should().Be(("stalled", "stalled 1 time(s)", "from the queue"));
        (entries[3].FromPhase, entries[3].Phase).Should().Be(("planning", "build"));
        entries[2].Blockers.Should().Equal("demo/api");
        entries[0].Message.Should().Be("demo/api finished");
    }

    [Test]
    public void A_decision_error_shows_its_kind_message_and_the_notification_it_raised()
    {
        var entries = Given(
            At(new DecisionRequested("dec-9") { Branch = B, At = T0 }, 0),
            At(new DecisionFailed("dec-9", DecisionErrorKinds.JsonParseError, "no JSON object in the output", 3, T0.AddMinutes(5), true) { Branch = B, At = T0 }, 2));

        var e = entries.Single();
        (e.Kind, e.ErrorKind, e.Message, e.ConsecutiveFailures, e.Notification)
            .Should().Be(("decision_error", "json_parse_error", "no JSON object in the output", 3, "3 decision errors in a row"));
    }

    [Test]
    public void A_command_cut_by_the_page_shows_the_part_on_the_page_with_the_text_from_an_approval()
    {
        // the page holds only the newest two events of cmd-6: its request is on the next page
        var page = new[]
        {
            new PositionedEvent(41, At(new CommandCompleted("cmd-6", 0) { Branch = B, At = T0 }, 30)),
            new PositionedEvent(40, At(new ConfirmationApproved("cmd-6", "make deploy", "carol", "portal", "go") { Branch = B, At = T0 }, 20)),
        };

        var c = BranchTimeline.Project(page).Single();

        (c.Text, c.State, c.ExitStatus, c.DurationSeconds, c.Position).Should().Be(("make deploy", "completed", 0, (double?)null, 41L));
    }

    [Test]
    public void Kind_filters_name_the_stored_types_they_read_and_an_unknown_kind_is_refused_by_name()
    {
        TimelineKinds.EventTypesOf("phase,stall").Should().BeEquivalentTo(["phase_changed", "stall_detected"]);
        TimelineKinds.EventTypesOf("command_completed").Should().BeEquivalentTo(["command_completed"]);
        TimelineKinds.EventTypesOf(null).Should().BeNull();
        var act = () => TimelineKinds.EventTypesOf("decision,<b>x</b>");
        act.Should().Throw<ArgumentException>().WithMessage("unknown kind \"<b>x</b>\"*");
    }
}
