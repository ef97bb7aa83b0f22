using TmuxAgent.Core.Store;

namespace TmuxAgent.Tests.Store;

/// <summary>
/// The contract every <see cref="IEventStore"/> backend meets. A backend is tested by one small derived fixture
/// that says how to create an empty store and which capabilities it has (another handle on the same data, other
/// OS processes sharing it). The tests live in the partial files <c>EventStoreConformance.*.cs</c>.
/// </summary>
[Category("store")]
public abstract partial class EventStoreConformance
{
    private readonly List<IEventStore> _handles = [];

    /// <summary>The store under test: created empty before each test.</summary>
    protected IEventStore Store { get; private set; } = null!;

    /// <summary>A new, empty store.</summary>
    protected abstract IEventStore CreateStore();

    /// <summary>Another handle on the data of <see cref="Store"/> (another connection, client or reopened file); the same instance when the backend has no such thing.</summary>
    protected virtual IEventStore OpenSecondHandle() => Store;

    /// <summary>Capability: other OS processes can open the same store (a file or a server).</summary>
    protected virtual bool SharedAcrossProcesses => false;

    /// <summary>The store argument of the TmuxAgent.StoreProbe child process (e.g. <c>sqlite:/tmp/x/events.db</c>).</summary>
    protected virtual string ProbeStoreUri => throw new NotSupportedException("This backend is not shared across processes.");

    /// <summary>Removes whatever <see cref="CreateStore"/> created (files, databases), after the handles are disposed.</summary>
    protected virtual void DeleteStorage() { }

    /// <summary>Backend-specific check that the storage is intact (e.g. SQLite's integrity_check) after a crash.</summary>
    protected virtual void AssertStorageIntact() { }

    [SetUp]
    public void CreateEmptyStore()
    {
        _handles.Clear();
        Store = Track(CreateStore());
    }

    [TearDown]
    public void DisposeStore()
    {
        foreach (var h in _handles.Distinct()) (h as IDisposable)?.Dispose();
        DeleteStorage();
    }

    /// <summary>Another handle, disposed after the test.</summary>
    protected IEventStore SecondHandle() => Track(OpenSecondHandle());

    private IEventStore Track(IEventStore s)
    {
        _handles.Add(s);
        return s;
    }

    protected void RequireProcesses()
    {
        if (!SharedAcrossProcesses) Assert.Ignore("The backend is not shared across OS processes.");
    }
}
