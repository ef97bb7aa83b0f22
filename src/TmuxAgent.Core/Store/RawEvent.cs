using System.Text;

namespace TmuxAgent.Core.Store;

/// <summary>
/// A stored event as a read page holds it: id and data stay UTF-8 bytes (slices of the page's buffer, valid until the
/// page is read into again), so a fold deserialises straight from them without a string per event.
/// </summary>
public readonly struct RawEvent
{
    /// <summary>An event of a page.</summary>
    public RawEvent(long position, StreamName stream, long version, string eventType, ReadOnlyMemory<byte> eventId, ReadOnlyMemory<byte> data, DateTimeOffset created)
    {
        Position = position;
        Stream = stream;
        Version = version;
        EventType = eventType;
        EventIdUtf8 = eventId;
        Data = data;
        Created = created;
    }

    /// <summary>Global position.</summary>
    public long Position { get; }

    /// <summary>The stream it belongs to.</summary>
    public StreamName Stream { get; }

    /// <summary>0-based position in its stream.</summary>
    public long Version { get; }

    /// <summary>Stored type name (one instance per name and page reader).</summary>
    public string EventType { get; }

    /// <summary>The event id, UTF-8.</summary>
    public ReadOnlyMemory<byte> EventIdUtf8 { get; }

    /// <summary>The event's JSON, UTF-8.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>When it happened.</summary>
    public DateTimeOffset Created { get; }

    /// <summary>The event id.</summary>
    public string EventId => Encoding.UTF8.GetString(EventIdUtf8.Span);

    /// <summary>The same event with its id and data as strings (it then outlives the page).</summary>
    public StoredEvent ToStored() => new(EventId, EventType, Encoding.UTF8.GetString(Data.Span), Created, Stream, Version, Position);
}
