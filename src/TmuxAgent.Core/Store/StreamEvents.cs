namespace TmuxAgent.Core.Store;

/// <summary>An event to append: its id (idempotency key), stored type name and JSON data.</summary>
/// <param name="EventId">Unique id; appending the same id twice stores it once.</param>
/// <param name="EventType">Stable stored type name (see <see cref="Serialization.EventTypes"/>).</param>
/// <param name="Data">The event as JSON.</param>
/// <param name="Created">When it happened.</param>
public sealed record NewStreamEvent(string EventId, string EventType, string Data, DateTimeOffset Created);

/// <summary>An event as stored.</summary>
/// <param name="EventId">Its id.</param>
/// <param name="EventType">Stored type name.</param>
/// <param name="Data">JSON data.</param>
/// <param name="Created">When it happened.</param>
/// <param name="Stream">The stream it belongs to.</param>
/// <param name="Version">0-based position in its stream.</param>
/// <param name="Position">Global position, strictly increasing across all streams, starting at 1.</param>
public sealed record StoredEvent(string EventId, string EventType, string Data, DateTimeOffset Created, StreamName Stream, long Version, long Position);

/// <summary>What an append left behind.</summary>
/// <param name="NextExpectedVersion">The stream's version after the append.</param>
/// <param name="LastPosition">Global position of the last event appended (or found, for a repeated append).</param>
public readonly record struct AppendResult(long NextExpectedVersion, long LastPosition);

/// <summary>One stream's part of a batched append.</summary>
public sealed record StreamAppend(StreamName Stream, ExpectedVersion Expected, IReadOnlyList<NewStreamEvent> Events);
