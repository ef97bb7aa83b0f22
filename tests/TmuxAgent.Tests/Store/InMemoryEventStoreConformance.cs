using TmuxAgent.Core.Store;

namespace TmuxAgent.Tests.Store;

/// <summary>The conformance suite against <see cref="InMemoryEventStore"/>: one process, one instance.</summary>
[TestFixture]
public sealed class InMemoryEventStoreConformance : EventStoreConformance
{
    protected override IEventStore CreateStore() => new InMemoryEventStore();
}
