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
            Command(ref rec, kind, f.FromQueue, f.DryRun);
            if (f.HasCommandId) Id(ref rec, f.CommandId, queue: IsQueued(kind, f.FromQueue));
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
        if (CommandFacts.Of(ev) is { } c)
        {
            Command(ref rec, c.Kind, c.FromQueue, c.DryRun);
            Id(ref rec, c.CommandId, queue: IsQueued(c.Kind, c.FromQueue));
            Text(ref rec, c.Text);
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
                SummaryRecorded s => s.Summary is { Length: > 0 } text ? text : null,
                var ev => CommandFacts.Of(ev)?.Text,
            };
        }
        catch (Exception x) when (x is JsonException or NotSupportedException or UnknownEventTypeException) { return null; }
    }

    private const int Queued = -1, Dispatched = -2, Requested = -3, Approved = -4, Denied = -5;

    /// <summary>What a command event's audit line says, whichever way its fields were read: the event name and flags of
    /// <paramref name="kind"/> (one of the five negative kinds).</summary>
    private static void Command(ref ReplayRecord rec, int kind, bool fromQueue, bool dryRun)
    {
        rec.Event = kind switch { Queued => ReplayEventIds.Queued, Dispatched => ReplayEventIds.Command, Requested => ReplayEventIds.Pending, _ => ReplayEventIds.Confirmation };
        if (kind == Dispatched && fromQueue) rec.Flags |= ReplayRecordFlags.QueuedTruthy;
        if (kind == Dispatched && dryRun) rec.Flags |= ReplayRecordFlags.DryRun;
        if (kind == Denied) rec.Flags |= ReplayRecordFlags.Denied;
    }

    /// <summary>Whether the command's id is also its line's <c>queue_id</c>: queued, or dispatched from the queue.</summary>
    private static bool IsQueued(int kind, bool fromQueue) => kind == Queued || kind == Dispatched && fromQueue;

    /// <summary>The fields of a deserialised command event that its audit line carries (what <see cref="CommandFields"/>
    /// reads from the bytes on the fast path); null for any other event.</summary>
    private readonly record struct CommandFacts(int Kind, string CommandId, string? Text, bool FromQueue = false, bool DryRun = false)
    {
        public static CommandFacts? Of(BranchEvent ev) => ev switch
        {
            CommandQueued q => new(Queued, q.CommandId, q.Spec.Text),
            CommandDispatched d => new(Dispatched, d.CommandId, d.Spec.Text, d.FromQueue, d.DryRun),
            ConfirmationRequested r => new(Requested, r.CommandId, r.Spec.Text),
            ConfirmationApproved a => new(Approved, a.CommandId, a.Text),
            ConfirmationDenied d => new(Denied, d.CommandId, d.Text),
            _ => null,
        };
    }

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
