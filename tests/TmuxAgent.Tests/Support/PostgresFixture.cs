namespace TmuxAgent.Tests.Support;

/// <summary>The one <see cref="PostgresServer"/> of a test run, started on first use; stopped by the assembly's <c>TestRunTeardown</c>.</summary>
public static class PostgresFixture
{
    private static readonly Lazy<PostgresServer> Shared = new(StartOnce, LazyThreadSafetyMode.ExecutionAndPublication);

    private static PostgresServer StartOnce()
    {
        var server = PostgresServer.Start();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();  // in case the run ends without the teardown
        return server;
    }

    /// <summary>The server (a failure to start is remembered: every PostgreSQL test then fails with the same message).</summary>
    public static PostgresServer Server => Shared.Value;

    /// <summary>Stops the server when one was started.</summary>
    internal static void Stop()
    {
        if (Shared.IsValueCreated) Shared.Value.Dispose();
    }
}
