using System.Text.Json;
using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Store;

namespace TmuxAgent.Core.Serialization;

/// <summary>Turns branch events into stored events and back, by the <see cref="EventTypes"/> registry.</summary>
public static class EventSerializer
{
    /// <summary>The event as JSON (snake_case).</summary>
    public static string ToJson(BranchEvent e) => JsonSerializer.Serialize(e, e.GetType(), EventJsonContext.Default);

    /// <summary>The event of stored type <paramref name="eventType"/> held in <paramref name="json"/>.</summary>
    /// <exception cref="UnknownEventTypeException">The name is not registered.</exception>
    /// <exception cref="JsonException">The data does not fit the type.</exception>
    public static BranchEvent FromJson(string eventType, string json)
    {
        var type = EventTypes.TypeOf(eventType) ?? throw new UnknownEventTypeException(eventType);
        return (BranchEvent?)JsonSerializer.Deserialize(json, type, EventJsonContext.Default)
               ?? throw new JsonException($"Event '{eventType}' has null data.");
    }

    /// <summary>The event of stored type <paramref name="eventType"/> held in UTF-8 JSON (no string on the way).</summary>
    public static BranchEvent FromJson(string eventType, ReadOnlySpan<byte> utf8Json)
    {
        var type = EventTypes.TypeOf(eventType) ?? throw new UnknownEventTypeException(eventType);
        return (BranchEvent?)JsonSerializer.Deserialize(utf8Json, type, EventJsonContext.Default)
               ?? throw new JsonException($"Event '{eventType}' has null data.");
    }

    /// <summary>The branch event a page's event holds, deserialised straight from its bytes.</summary>
    public static BranchEvent FromRaw(in RawEvent e) => FromJson(e.EventType, e.Data.Span);

    /// <summary>The event of stored type <paramref name="eventType"/> held in a parsed JSON element.</summary>
    public static BranchEvent FromJson(string eventType, JsonElement json)
    {
        var type = EventTypes.TypeOf(eventType) ?? throw new UnknownEventTypeException(eventType);
        return (BranchEvent?)json.Deserialize(type, EventJsonContext.Default)
               ?? throw new JsonException($"Event '{eventType}' has null data.");
    }

    /// <summary>A new stored event for <paramref name="e"/> with id <paramref name="eventId"/>.</summary>
    public static NewStreamEvent ToNew(BranchEvent e, string eventId) => new(eventId, EventTypes.NameOf(e), ToJson(e), e.At);

    /// <summary>The branch event a stored event holds.</summary>
    public static BranchEvent FromStored(StoredEvent e) => FromJson(e.EventType, e.Data);
}

/// <summary>A stored event whose type name is not in the registry (written by a newer version).</summary>
public sealed class UnknownEventTypeException(string eventType) : Exception($"Unknown event type '{eventType}'.")
{
    /// <summary>The unknown name.</summary>
    public string EventType { get; } = eventType;
}
