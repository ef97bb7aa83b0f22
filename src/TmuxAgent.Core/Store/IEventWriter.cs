namespace TmuxAgent.Core.Store;

/// <summary>Appends events. Atomic per call; idempotent per event id.</summary>
public interface IEventWriter
{
    /// <summary>Appends <paramref name="events"/> to <paramref name="stream"/> if it is at <paramref name="expected"/>.</summary>
    /// <exception cref="WrongExpectedVersionException">The stream is at another version; nothing was written.</exception>
    Task<AppendResult> AppendAsync(StreamName stream, ExpectedVersion expected, IReadOnlyList<NewStreamEvent> events, CancellationToken ct = default);

    /// <summary>Appends to several streams in one transaction: all or nothing.</summary>
    /// <exception cref="WrongExpectedVersionException">One stream is at another version; nothing was written.</exception>
    Task<IReadOnlyList<AppendResult>> AppendManyAsync(IReadOnlyList<StreamAppend> appends, CancellationToken ct = default);
}
