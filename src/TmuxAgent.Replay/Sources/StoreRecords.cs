using System.Globalization;
using System.Text.Json;
using TmuxAgent.Core.Agents;
using TmuxAgent.Core.Audit;
using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Projections.Replay;
using TmuxAgent.Core.Serialization;
using TmuxAgent.Core.Store;
using TmuxAgent.Replay.Summary;

namespace TmuxAgent.Replay.Sources;

/// <summary>
/// The input adapter from stored events to <see cref="ReplayRecord"/>s: the same record the event's audit line gives
/// (<see cref="AuditLineWriter"/>'s mapping — queued, command, pending_confirmation, confirmation for the command
/// events, the stored type name for the others; <c>ts</c> = the event's time, which every writer also stores as its
/// <c>created</c>), built straight from the page's bytes. The command events' few fields are read from their bytes (<see cref="CommandFields"/>); the
/// others need nothing but their type, stream and time. Names are interned in the projection's own tables.
/// </summary>
internal sealed class StoreRecords(ReplayProjection projection)
{
    private static readonly long EpochTicks = DateTimeOffset.UnixEpoch.UtcTicks;
    private readonly Dictionary<object, int> _types = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<object, int> _streams = new(ReferenceEqualityComparer.Instance);

    /// <summary>Folds every event of <paramref name="page"/>.</summary>
    public void Fold(EventPage page)
    {
        foreach (ref readonly var e in page.Events) projection.Apply(Of(e));
    }

    public ReplayRecord Of(in RawEvent e)
    {
        var rec = new ReplayRecord { Locator = e.Position, Branch = BranchOf(e.Stream), Ts = Seconds(e.Created) };
        var kind = TypeId(e.EventType);
        rec.Event = kind;
        if (kind >= 0) return rec; // not a command event: its audit line has only ts, branch and the type name
        Span<byte> scratch = stackalloc byte[512];
        if (CommandFields.TryRead(e.Data.Span, scratch, out var f))
        {
            rec.Event = kind switch { Queued => ReplayEventIds.Queued, Dispatched => ReplayEventIds.Command, Requested => ReplayEventIds.Pending, _ => ReplayEventIds.Confirmation };
            if (f.HasCommandId) Id(ref rec, f.CommandId, queue: kind == Queued || kind == Dispatched && f.FromQueue);
            if (kind == Dispatched && f.FromQueue) rec.Flags |= ReplayRecordFlags.QueuedTruthy;
            if (kind == Dispatched && f.DryRun) rec.Flags |= ReplayRecordFlags.DryRun;
            if (kind == Denied) rec.Flags |= ReplayRecordFlags.Denied;
            if (f.HasText) Text(ref rec, f.Text);
            rec.Ts = Seconds(f.At);
            rec.Branch = projection.Branches.Id(f.Branch); // the line's branch is the event's own
            return rec;
        }
        return Deserialised(e, rec);
    }

    /// <summary>The slow path: the whole event deserialised, exactly as <see cref="AuditLineWriter"/> reads it.</summary>
    private ReplayRecord Deserialised(in RawEvent e, ReplayRecord rec)
    {
        BranchEvent ev;
        try { ev = EventSerializer.FromRaw(e); }
        catch (Exception x) when (x is JsonException or NotSupportedException)
        {
            rec.Event = projection.Events.Id(e.EventType); // written as a raw line, under its stored name
            return rec;
        }
        switch (ev)
        {
            case CommandQueued q:
                rec.Event = ReplayEventIds.Queued;
                Id(ref rec, q.CommandId, queue: true);
                Text(ref rec, q.Spec.Text);
                break;
            case CommandDispatched d:
                rec.Event = ReplayEventIds.Command;
                Id(ref rec, d.CommandId, queue: d.FromQueue);
                if (d.FromQueue) rec.Flags |= ReplayRecordFlags.QueuedTruthy;
                if (d.DryRun) rec.Flags |= ReplayRecordFlags.DryRun;
                Text(ref rec, d.Spec.Text);
                break;
            case ConfirmationRequested r:
                rec.Event = ReplayEventIds.Pending;
                Id(ref rec, r.CommandId, queue: false);
                Text(ref rec, r.Spec.Text);
                break;
            case ConfirmationApproved a:
                rec.Event = ReplayEventIds.Confirmation;
                Id(ref rec, a.CommandId, queue: false);
                Text(ref rec, a.Text);
                break;
            case ConfirmationDenied d:
                rec.Event = ReplayEventIds.Confirmation;
                rec.Flags |= ReplayRecordFlags.Denied;
                Id(ref rec, d.CommandId, queue: false);
                Text(ref rec, d.Text);
                break;
        }
        rec.Ts = Seconds(ev.At);
        rec.Branch = projection.Branches.Id(ev.Branch);
        return rec;
    }

    /// <summary>The text an event's audit line carries (<c>payload.text</c>, a confirmation's <c>command</c>, a summary's <c>summary</c>).</summary>
    public static string? TextOf(in RawEvent e)
    {
        try
        {
            return EventSerializer.FromRaw(e) switch
            {
                CommandQueued q => q.Spec.Text,
                CommandDispatched d => d.Spec.Text,
                ConfirmationRequested r => r.Spec.Text,
                ConfirmationApproved a => a.Text,
                ConfirmationDenied d => d.Text,
                SummaryRecorded s => s.Summary is { Length: > 0 } text ? text : null,
                _ => null,
            };
        }
        catch (Exception x) when (x is JsonException or NotSupportedException or UnknownEventTypeException) { return null; }
    }

    private const int Queued = -1, Dispatched = -2, Requested = -3, Approved = -4, Denied = -5;

    /// <summary>The projection's id for a non-command type; for the five command types (read from the data) a negative kind.
    /// Pages share one string per type and stream, so the caches compare references.</summary>
    private int TypeId(string type)
    {
        if (_types.TryGetValue(type, out var id)) return id;
        id = type switch
        {
            "command_queued" => Queued,
            "command_dispatched" => Dispatched,
            "confirmation_requested" => Requested,
            "confirmation_approved" => Approved,
            "confirmation_denied" => Denied,
            _ => projection.Events.Id(type),
        };
        _types[type] = id;
        return id;
    }

    private int BranchOf(StreamName stream)
    {
        if (_streams.TryGetValue(stream.Value, out var id)) return id;
        id = stream.Branch is { } b ? projection.Branches.Id(b) : -1;
        _streams[stream.Value] = id;
        return id;
    }

    private static void Id(ref ReplayRecord rec, string commandId, bool queue)
    {
        if (commandId.Length > 0) Id(ref rec, Utf8Key.Of(System.Text.Encoding.UTF8.GetBytes(commandId)), queue);
    }

    private static void Id(ref ReplayRecord rec, ulong key, bool queue)
    {
        rec.CommandId = key;
        rec.Flags |= ReplayRecordFlags.HasCommandId;
        if (!queue) return;
        rec.QueueId = key;
        rec.Flags |= ReplayRecordFlags.HasQueueId;
    }

    private static void Text(ref ReplayRecord rec, string? text)
    {
        if (text is not null) Text(ref rec, Utf8Key.Of(System.Text.Encoding.UTF8.GetBytes(text)));
    }

    private static void Text(ref ReplayRecord rec, ulong key)
    {
        rec.Text = key;
        rec.Flags |= ReplayRecordFlags.HasText;
    }

    /// <summary>The <c>ts</c> the audit line of a time carries, as the scanner reads it: the nearest double to the exact
    /// Unix seconds (to the tick); 0 counts as no time.</summary>
    internal static double Seconds(DateTimeOffset at)
    {
        var ticks = at.UtcTicks - EpochTicks;
        if (ticks == 0) return double.NaN;
        if (ticks > 0 && DecimalNumber.TryScaled((ulong)ticks, 7, out var d)) return d;
        return double.Parse(UnixTimestamp.ToSeconds(at).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }
}
