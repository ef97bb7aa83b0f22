using System.Text.Json;
using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;
using TmuxAgent.Core.Serialization;
using TmuxAgent.Core.Store;
using TmuxAgent.Host.Audit;

namespace TmuxAgent.Tests.Host.Loop;

public class InterimAuditLinesTests
{
    private const string B = "weather/bot";
    private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeMilliseconds(1763900002710);

    [Test]
    public void Facts_the_original_recorded_keep_its_four_shapes_plus_seq_and_id()
    {
        var spec = CommandSpec.Of("npm test");
        Line(new CommandQueued("cmd-1", "agent-w", spec, QueueReasons.PaneBusy) { Branch = B, At = At }).Should().Match<JsonElement>(l =>
            l.GetProperty("event").GetString() == "queued" && l.GetProperty("payload").GetProperty("meta").GetProperty("queue_id").GetString() == "cmd-1"
            && l.GetProperty("ts").GetDouble() == 1763900002.71 && l.GetProperty("seq").GetInt64() == 7 && l.GetProperty("id").GetString() == "e1");
        var command = Line(new CommandDispatched("cmd-1", "agent-w", spec, DryRun: true, FromQueue: true, Approved: false) { Branch = B, At = At });
        command.GetProperty("event").GetString().Should().Be("command");
        command.GetProperty("queued").GetBoolean().Should().BeTrue();
        command.GetProperty("dry_run").GetBoolean().Should().BeTrue();
        command.GetProperty("payload").GetProperty("text").GetString().Should().Be("npm test");
        Line(new CommandDispatched("cmd-1", "agent-w", spec, false, false, false) { Branch = B, At = At }).TryGetProperty("dry_run", out _).Should().BeFalse();
        Line(new ConfirmationRequested("cmd-2", "agent-w", spec, "risk_level=high") { Branch = B, At = At }).GetProperty("event").GetString().Should().Be("pending_confirmation");
        var confirmation = Line(new ConfirmationDenied("cmd-2", "npm test", "alice", "portal", null) { Branch = B, At = At });
        confirmation.GetProperty("status").GetString().Should().Be("denied");
        confirmation.GetProperty("command").GetString().Should().Be("npm test");
        Line(new PhaseChanged("planning", "testing") { Branch = B, At = At }).GetProperty("event").GetString().Should().Be("phase_changed");
    }

    private static JsonElement Line(BranchEvent e)
    {
        var stored = new StoredEvent("e1", EventTypes.NameOf(e), EventSerializer.ToJson(e), At, StreamName.ForBranch("weather/bot"), 0, 7);
        return JsonDocument.Parse(InterimAuditLines.For(stored)).RootElement;
    }
}
