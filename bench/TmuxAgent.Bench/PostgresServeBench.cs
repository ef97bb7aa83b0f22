using TmuxAgent.Tests.Support;

namespace TmuxAgent.Bench;

/// <summary>
/// <c>pg-serve EVENTS STOP_FILE</c>: a private PostgreSQL cluster of the tests' fixture (fsync off) holding the same
/// <see cref="Workload"/> events <c>store-gen</c> writes, kept running for whole-program runs by hand (host start-up with
/// <c>--store postgres://…</c>) until STOP_FILE exists; then the cluster is stopped and its dir deleted. Prints the URL
/// and the cluster's dir.
/// </summary>
public static class PostgresServeBench
{
    public static async Task RunAsync(int events, string stopFile)
    {
        using var server = PostgresServer.Start(durable: false);
        var schema = server.CreateSchema("serve");
        await PostgresReplayBench.LoadAsync(schema.ConnectionString, events);
        Console.WriteLine($"url {PostgresServer.Url(schema)}");
        Console.WriteLine($"create {stopFile} to stop the cluster");
        while (!File.Exists(stopFile)) await Task.Delay(500);
        Console.WriteLine("stopping");
    }
}
