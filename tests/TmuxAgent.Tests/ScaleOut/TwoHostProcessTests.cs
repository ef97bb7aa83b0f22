using System.Diagnostics;
using System.Text.Json;
using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Serialization;
using TmuxAgent.Core.Store;
using TmuxAgent.Core.Store.Leases;
using TmuxAgent.Tests.Host;
using TmuxAgent.Tests.Host.Cli;
using TmuxAgent.Tests.Host.Loop;
using TmuxAgent.Tests.Reliability;
using TmuxAgent.Tests.Support;

namespace TmuxAgent.Tests.ScaleOut;

/// <summary>
/// Two real orchestrator hosts (the built app) on one store — a shared SQLite file, or one PostgreSQL database — and
/// the same branches and tmux panes, with the plan decider. Both start together; the holder of the branch waiting for
/// approval is killed with SIGKILL mid-run; the approval goes to the survivor's LocalBus; the survivor takes over
/// every branch within the lease's time to live plus a poll, and finishes the plan. Every plan command runs once in its
/// pane, no command id is dispatched twice, the approved command is dispatched once, a clean stop releases the leases,
/// and the survivor's audit mirror holds the whole store.
/// </summary>
[Category("tmux"), Category("process")]
public class TwoHostProcessTests
{
    private const double PollSeconds = 0.3;
    private const double TtlSeconds = 3;
    private static readonly BusyPlan Plan = new("two", slowSeconds: 2);

    [Test, Category("sqlite")]
    public async Task On_a_shared_sqlite_file_the_survivor_takes_over_finishes_the_plan_and_dispatches_the_approval_once()
    {
        using var dir = new TempDir();
        var store = dir["shared/events.db"];
        Directory.CreateDirectory(dir["shared"]);
        // one machine: both hosts share the LocalBus folder (and the offset file next to the store); default host ids
        await RunAsync(dir, store, sharedBus: true, hostIds: null);
    }

    [Test, Category("postgres")]
    public async Task On_postgres_the_survivor_takes_over_after_the_lease_runs_out_and_finishes_the_plan()
    {
        var schema = PostgresFixture.Server.CreateSchema("twohosts");
        try
        {
            using var dir = new TempDir();
            // two "machines": each host its own LocalBus folder and offsets; configured host ids (no pid shortcut: the lease must run out)
            await RunAsync(dir, PostgresServer.Url(schema), sharedBus: false, hostIds: ["host-a", "host-b"]);
        }
        finally
        {
            PostgresFixture.Server.DropSchema(schema);
        }
    }

    private static async Task RunAsync(TempDir dir, string store, bool sharedBus, string[]? hostIds)
    {
        using var tmux = new TmuxServer();
        foreach (var b in Plan.Branches) tmux.NewSession(BusyPlan.Session(b));
        string[] names = ["a", "b"];
        var args = new Dictionary<string, string[]>();
        foreach (var n in names)
        {
            var bus = sharedBus ? dir["bus"] : dir[$"host-{n}/bus"];
            dir.File($"host-{n}/agent-config.yaml", $"bus_dir: {bus}\nnotify: local_bus\nhosts:\n  - name: local\n    tmux:\n      socket: {tmux.Socket}\n      capture_lines: 500\n");
            dir.File($"host-{n}/orchestrator.toml", Plan.Toml($"poll_interval = {PollSeconds}\nlease_ttl_seconds = {TtlSeconds}"));
            List<string> a = ["--config", dir[$"host-{n}/agent-config.yaml"], "--orchestrator-config", dir[$"host-{n}/orchestrator.toml"], "--store", store];
            if (hostIds is not null) a.AddRange(["--host-id", hostIds[n == "a" ? 0 : 1]]);
            args[n] = [.. a];
        }

        var hosts = new Dictionary<string, HostProcess>();
        try
        {
            foreach (var n in names) hosts[n] = new HostProcess(dir[$"host-{n}"], args[n]);
            var reader = EventStores.Open(store);
            var leases = EventStores.OpenLeases(store);
            try
            {
                string? pendingId = null;
                (await TmuxServer.WaitFor(() => (pendingId = PendingId(reader, "two/r")) is not null, 60))
                    .Should().BeTrue(hosts["a"].StdErr + hosts["b"].StdErr);
                var holder = await leases.CurrentAsync("two/r", DateTimeOffset.UtcNow);
                holder.Should().NotBeNull();
                var victim = names.Single(n => Owns(holder!.Owner, n, hosts[n], hostIds));
                var survivor = names.Single(n => n != victim);
                (await TmuxServer.WaitFor(() => hosts[survivor].StdErr.Contains("lease taken") || hosts[survivor].StdErr.Contains("held by"), 30))
                    .Should().BeTrue("the survivor has run a cycle (so its LocalBus offset exists) " + hosts[survivor].StdErr);

                hosts[victim].Kill9();
                var killedAt = Stopwatch.StartNew();
                var survivorLogBefore = hosts[survivor].StdErr.Length;
                var bus = sharedBus ? dir["bus"] : dir[$"host-{survivor}/bus"];
                Directory.CreateDirectory(bus);
                File.AppendAllText(Path.Combine(bus, "confirmations.jsonl"),
                    JsonSerializer.Serialize(new { id = "conf-two-1", ts = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0, branch = "two/r", action = "approve", command_id = pendingId, meta = new { who = "test" } }) + "\n");

                // the survivor holds two/r within the lease's time to live plus a poll (plus slack for a loaded machine)
                var bound = TtlSeconds + PollSeconds + 10;
                (await TmuxServer.WaitFor(() => SurvivorHolds(leases, hosts[survivor], survivor, hostIds), bound))
                    .Should().BeTrue($"the survivor takes two/r over within {bound} s\n{hosts[survivor].StdErr[survivorLogBefore..]}");
                TestContext.Out.WriteLine($"takeover of two/r after {killedAt.Elapsed.TotalSeconds:F1} s");

                (await TmuxServer.WaitFor(() => Plan.AllRan(tmux), 90))
                    .Should().BeTrue($"the survivor finishes the plan\n{Plan.Report(tmux)}\n{hosts[survivor].StdErr}");

                using (var term = Process.Start("kill", ["-TERM", hosts[survivor].Pid.ToString()])) term.WaitForExit();
                hosts[survivor].WaitForExit(20).Should().Be(0, hosts[survivor].StdErr);
                foreach (var b in Plan.Branches)
                    (await leases.CurrentAsync(b, DateTimeOffset.UtcNow)).Should().BeNull($"{b}'s lease was released at the clean stop");

                foreach (var m in Plan.Markers) BusyPlan.Lines(tmux, m.Session, m.Marker).Should().Be(1, $"{m.Marker} runs once\n{hosts[survivor].StdErr}");
                var stored = await reader.ReadAllAsync(0, int.MaxValue);
                var events = stored.Select(EventSerializer.FromStored).ToList();
                events.OfType<CommandDispatched>().GroupBy(d => d.CommandId).Should().OnlyContain(g => g.Count() == 1, "no command id is dispatched twice");
                events.OfType<CommandDispatched>().Should().ContainSingle(d => d.CommandId == pendingId, "the approval is dispatched once");
                events.OfType<ConfirmationApproved>().Should().ContainSingle(c => c.CommandId == pendingId);

                var mirror = File.ReadAllLines(dir[$"host-{survivor}/.tmuxagent/logs/orchestrator-actions.jsonl"]).Where(l => l.Length > 0)
                    .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("seq").GetInt64()).ToList();
                mirror.Should().Equal(stored.Select(e => e.Position), "the survivor's mirror holds every stored event once, in order");
            }
            finally
            {
                (leases as IDisposable)?.Dispose();
                (reader as IDisposable)?.Dispose();
            }
        }
        finally
        {
            foreach (var h in hosts.Values) h.Dispose();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }

    private static bool Owns(string owner, string name, HostProcess host, string[]? hostIds) =>
        hostIds is null ? owner.Split('/') is [_, var pid, _] && pid == host.Pid.ToString() : owner == hostIds[name == "a" ? 0 : 1];

    private static bool SurvivorHolds(IBranchLeases leases, HostProcess host, string name, string[]? hostIds) =>
        leases.CurrentAsync("two/r", DateTimeOffset.UtcNow).GetAwaiter().GetResult() is { } l && Owns(l.Owner, name, host, hostIds);

    private static string? PendingId(IEventReader reader, string branch)
    {
        var stored = reader.ReadStreamAsync(StreamName.ForBranch(branch)).GetAwaiter().GetResult();
        return stored.Select(EventSerializer.FromStored).OfType<ConfirmationRequested>().LastOrDefault()?.CommandId;
    }
}
