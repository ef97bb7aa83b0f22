using TmuxAgent.Tests.Support;

namespace TmuxAgent.Tests;

/// <summary>One-time teardown of the whole test assembly: stops the private PostgreSQL cluster (if one was started) and deletes its dir.</summary>
/// <remarks>Its name avoids "Postgres": a test filter matching a set-up fixture selects every test under it.</remarks>
/// <remarks>In the root namespace so it wraps every test of the assembly.</remarks>
[SetUpFixture]
public sealed class TestRunTeardown
{
    [OneTimeTearDown]
    public void StopPostgres() => PostgresFixture.Stop();
}
