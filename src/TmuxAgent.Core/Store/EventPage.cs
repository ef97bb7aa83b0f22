using System.Buffers.Text;
using System.Globalization;
using System.Text;
using TmuxAgent.Core.Projections.Replay;

namespace TmuxAgent.Core.Store;

/// <summary>
/// One page of the all-stream (<see cref="IEventReader.ReadPageAsync"/>): events in global order with their data as
/// UTF-8 bytes in one buffer that the next read into the same page reuses, so reading a million events touches the same
/// few arrays. Stream and type names are interned across pages. A store fills it with <see cref="Clear"/>,
/// <see cref="Add(long, ReadOnlySpan{byte}, long, ReadOnlySpan{byte}, ReadOnlySpan{byte}, ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>
/// and <see cref="Complete"/>.
/// </summary>
public sealed class EventPage
{
    private RawEvent[] _events = new RawEvent[256];
    private byte[] _bytes = new byte[64 << 10];
    private int _used;
    private readonly NameTable _streamIds = new(), _typeIds = new();
    private readonly List<StreamName> _streams = [];

    /// <summary>Events on the page.</summary>
    public int Count { get; private set; }

    /// <summary>The events, in global order.</summary>
    public ReadOnlySpan<RawEvent> Events => _events.AsSpan(0, Count);

    /// <summary>True when the store held nothing after this page when it was read (fewer events than asked for).</summary>
    public bool IsEnd { get; private set; }

    /// <summary>The position to read the next page after: the last event's, or the position this page was read after.</summary>
    public long LastPosition { get; private set; }

    /// <summary>Empties the page for a read after <paramref name="afterPosition"/>; the previous events' bytes are reused.</summary>
    public void Clear(long afterPosition)
    {
        Count = 0;
        _used = 0;
        IsEnd = false;
        LastPosition = afterPosition;
    }

    /// <summary>Adds an event read as UTF-8 columns; <paramref name="created"/> is ISO 8601 round-trip text.</summary>
    public void Add(long position, ReadOnlySpan<byte> stream, long version, ReadOnlySpan<byte> eventType, ReadOnlySpan<byte> eventId, ReadOnlySpan<byte> data, ReadOnlySpan<byte> created)
    {
        var streamId = _streamIds.Id(stream);
        if (streamId == _streams.Count) _streams.Add(new StreamName(_streamIds.Names[streamId]));
        var type = _typeIds.Names[_typeIds.Id(eventType)];
        Add(new RawEvent(position, _streams[streamId], version, type, Copy(eventId), Copy(data), ParseCreated(created)));
    }

    /// <summary>Adds a stored event (the generic path of stores that read strings).</summary>
    public void Add(StoredEvent e) =>
        Add(new RawEvent(e.Position, e.Stream, e.Version, e.EventType, Encoding.UTF8.GetBytes(e.EventId), Encoding.UTF8.GetBytes(e.Data), e.Created));

    /// <summary>Marks the page read: <paramref name="isEnd"/> when the store gave fewer events than asked for.</summary>
    public void Complete(bool isEnd) => IsEnd = isEnd;

    private void Add(in RawEvent e)
    {
        if (Count == _events.Length) Array.Resize(ref _events, _events.Length * 2);
        _events[Count++] = e;
        LastPosition = e.Position;
    }

    /// <summary>Copies bytes into the page's buffer. A full buffer is replaced by a bigger one for the rest of the page
    /// (the slices already handed out keep the old one alive), and the bigger one is reused by the next pages.</summary>
    private ReadOnlyMemory<byte> Copy(ReadOnlySpan<byte> bytes)
    {
        if (_used + bytes.Length > _bytes.Length)
        {
            _bytes = new byte[Math.Max(_bytes.Length * 2, bytes.Length)];
            _used = 0;
        }
        bytes.CopyTo(_bytes.AsSpan(_used));
        var slice = new ReadOnlyMemory<byte>(_bytes, _used, bytes.Length);
        _used += bytes.Length;
        return slice;
    }

    /// <summary>The stored <c>created</c> text (<c>O</c> format) as a time, without a string on the usual shape.</summary>
    internal static DateTimeOffset ParseCreated(ReadOnlySpan<byte> text) => RoundTripTime.Parse(text);
}
