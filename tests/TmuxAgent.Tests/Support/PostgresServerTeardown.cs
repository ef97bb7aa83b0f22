using TmuxAgent.Tests.Support;

namespace TmuxAgent.Tests;

/// <summary>One-time teardown of the whole test assembly: stops the private PostgreSQL cluster (if one was started) and deletes its dir.</summary>
/// <remarks>In the root namespace so it wraps every test of the assembly.</remarks>
[SetUpFixture]
public sealed class PostgresServerTeardown
{
    [OneTimeTearDown]
    public void StopPostgres() => PostgresFixture.Stop();
}
