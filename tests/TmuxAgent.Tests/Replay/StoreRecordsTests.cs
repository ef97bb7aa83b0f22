using System.Text;
using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;
using TmuxAgent.Core.Projections.Replay;
using TmuxAgent.Core.Serialization;
using TmuxAgent.Core.Store;
using TmuxAgent.Replay.Sources;

namespace TmuxAgent.Tests.Replay;

/// <summary>The store's input adapter gives the record the event's audit line gives, whether it reads the few fields
/// from the bytes or (for data it does not expect) deserialises the whole event.</summary>
public class StoreRecordsTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeMilliseconds(1763900002710).AddTicks(3);

    private static RawEvent Raw(BranchEvent e, string? data = null) =>
        new(7, StreamName.ForBranch(e.Branch), 0, EventTypes.NameOf(e), Encoding.UTF8.GetBytes("id-7"),
            Encoding.UTF8.GetBytes(data ?? EventSerializer.ToJson(e)), e.At);

    private static IEnumerable<BranchEvent> Events()
    {
        var spec = CommandSpec.Of("npm test \"quoted\"");
        yield return new CommandQueued("cmd-1", "s", spec, "pane_busy") { Branch = "a/x", At = At };
        yield return new CommandDispatched("cmd-1", "s", spec, DryRun: true, FromQueue: true, Approved: false) { Branch = "a/x", At = At };
        yield return new ConfirmationRequested("cmd-2", "s", spec, "risk") { Branch = "a/x", At = At };
        yield return new ConfirmationDenied("cmd-2", "rm -rf /", "bob", "portal", null) { Branch = "a/x", At = At };
    }

    [TestCaseSource(nameof(Events))]
    public void The_fast_field_reader_and_the_whole_event_give_the_same_record(BranchEvent e)
    {
        var fast = new StoreRecords(new ReplayProjection()).Of(Raw(e));
        // An escaped key name is legal JSON the field reader leaves to the deserialiser.
        var escaped = EventSerializer.ToJson(e).Replace("\"command_id\"", "\"command\\u005fid\"");
        var slow = new StoreRecords(new ReplayProjection()).Of(Raw(e, escaped));

        slow.Should().BeEquivalentTo(fast);
        fast.Has(ReplayRecordFlags.HasCommandId).Should().BeTrue();
        fast.Has(ReplayRecordFlags.HasText).Should().BeTrue();
        fast.Ts.Should().Be(double.Parse("1763900002.7100003", System.Globalization.CultureInfo.InvariantCulture));
        fast.Has(ReplayRecordFlags.Denied).Should().Be(e is ConfirmationDenied);
        fast.Has(ReplayRecordFlags.QueuedTruthy).Should().Be(e is CommandDispatched);
    }
}
