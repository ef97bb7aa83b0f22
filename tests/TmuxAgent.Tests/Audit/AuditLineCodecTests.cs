using System.Text.Json;
using CsCheck;
using TmuxAgent.Core.Audit;
using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;

namespace TmuxAgent.Tests.Audit;

public class AuditLineCodecTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeMilliseconds(1763900002710).AddTicks(3);

    private static JsonElement Line(BranchEvent e, long seq = 7, string id = "ev-7") =>
        JsonDocument.Parse(AuditLineWriter.Encode(e, seq, id)).RootElement;

    [Test]
    public void Every_event_survives_events_to_lines_to_events()
        => AuditEventGen.Event.Select(Gen.Long[1, long.MaxValue / 2]).Sample((e, seq) =>
        {
            var line = AuditLineWriter.Encode(e, seq, "id-" + seq);
            line.Should().NotContain("\n");
            var back = AuditLineDecoder.TryDecode(JsonDocument.Parse(line).RootElement, out var error);
            error.Should().BeNull();
            back!.Seq.Should().Be(seq);
            back.Id.Should().Be("id-" + seq);
            back.Event.Should().BeEquivalentTo(e, o => o.RespectingRuntimeTypes());
            back.Event.At.Should().Be(e.At);
        }, iter: 2000);

    [Test]
    public void A_summary_has_the_original_summary_shape()
    {
        var line = Line(new TmuxAgent.Core.Agents.SummaryRecorded("Ran the tests; 2 fail in auth.") { Branch = "weather/bot", At = T0 });

        line.GetProperty("event").GetString().Should().Be("summary");
        line.GetProperty("summary").GetString().Should().Be("Ran the tests; 2 fail in auth.");
        line.GetProperty("branch").GetString().Should().Be("weather/bot");
        line.TryGetProperty("data", out _).Should().BeFalse("the original's replay reads the top-level summary");
    }

    [Test]
    public void A_queued_command_has_the_original_queued_shape_with_its_command_id_as_queue_id()
    {
        var line = Line(new CommandQueued("cmd-1", "agent-weather-bot", CommandSpec.Of("npm test"), QueueReasons.PaneBusy) { Branch = "weather/bot", At = T0 });

        line.GetProperty("event").GetString().Should().Be("queued");
        line.GetProperty("branch").GetString().Should().Be("weather/bot");
        line.GetProperty("ts").GetDouble().Should().BeApproximately(1763900002.71, 1e-6);
        var payload = line.GetProperty("payload");
        payload.GetProperty("session").GetString().Should().Be("agent-weather-bot");
        payload.GetProperty("text").GetString().Should().Be("npm test");
        payload.GetProperty("enter").GetBoolean().Should().BeTrue();
        var meta = payload.GetProperty("meta");
        meta.GetProperty("risk_level").GetString().Should().Be("low");
        meta.GetProperty("queue_id").GetString().Should().Be("cmd-1");
        meta.GetProperty("queued_at").GetDecimal().Should().Be(line.GetProperty("ts").GetDecimal());
        line.GetProperty("seq").GetInt64().Should().Be(7);
        line.GetProperty("id").GetString().Should().Be("ev-7");
    }

    [Test]
    public void A_command_from_the_queue_carries_its_queue_id_and_queued_true_and_dry_run_only_when_true()
    {
        var fromQueue = Line(new CommandDispatched("cmd-1", "s", CommandSpec.Of("npm test"), DryRun: false, FromQueue: true, Approved: false) { Branch = "b", At = T0 });
        fromQueue.GetProperty("event").GetString().Should().Be("command");
        fromQueue.GetProperty("queued").GetBoolean().Should().BeTrue();
        fromQueue.TryGetProperty("dry_run", out _).Should().BeFalse();
        fromQueue.GetProperty("payload").GetProperty("meta").GetProperty("queue_id").GetString().Should().Be("cmd-1");

        var direct = Line(new CommandDispatched("cmd-2", "s", CommandSpec.Of("ls"), DryRun: true, FromQueue: false, Approved: false) { Branch = "b", At = T0 });
        direct.TryGetProperty("queued", out _).Should().BeFalse();
        direct.GetProperty("dry_run").GetBoolean().Should().BeTrue();
        direct.GetProperty("payload").GetProperty("meta").TryGetProperty("queue_id", out _).Should().BeFalse();
    }

    [Test]
    public void Requests_and_answers_have_the_original_pending_and_confirmation_shapes()
    {
        var pending = Line(new ConfirmationRequested("cmd-9", "s", CommandSpec.Of("git push", "high"), "risk_level=high") { Branch = "b", At = T0 });
        pending.GetProperty("event").GetString().Should().Be("pending_confirmation");
        pending.GetProperty("payload").GetProperty("text").GetString().Should().Be("git push");

        var denied = Line(new ConfirmationDenied("cmd-9", "git push", "ana", "portal", null) { Branch = "b", At = T0 });
        denied.GetProperty("event").GetString().Should().Be("confirmation");
        denied.GetProperty("status").GetString().Should().Be("denied");
        denied.GetProperty("command").GetString().Should().Be("git push");
        denied.GetProperty("meta").GetProperty("who").GetString().Should().Be("ana");
        denied.GetProperty("meta").GetProperty("command_id").GetString().Should().Be("cmd-9");
    }

    [Test]
    public void Other_events_carry_their_stored_type_name_and_data()
    {
        var e = new DecisionReceived("d1", "tests pass", [CommandSpec.Of("npm test")], false, "testing", [], null, 1.5, true) { Branch = "b", At = T0 };
        var line = Line(e);
        line.GetProperty("event").GetString().Should().Be("decision_received");
        line.GetProperty("data").GetProperty("decision_id").GetString().Should().Be("d1");
    }

    [Test]
    public void An_original_line_is_not_taken_for_an_event_of_this_project()
    {
        var original = JsonDocument.Parse("""{"ts": 1763900002.71, "branch": "weather/bot", "event": "queued", "payload": {"session": "s", "text": "x", "enter": true, "meta": {"risk_level": "low", "queue_id": "queue-1"}}}""").RootElement;
        AuditLineDecoder.TryDecode(original, out var error).Should().BeNull();
        error.Should().Contain("original-format");
    }
}
