using System.Diagnostics;
using System.Text.Json;
using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Serialization;
using TmuxAgent.Core.Store;
using TmuxAgent.Core.Store.Sqlite;
using TmuxAgent.Tests.Host;
using TmuxAgent.Tests.Host.Cli;
using TmuxAgent.Tests.Host.Loop;

namespace TmuxAgent.Tests.Reliability;

/// <summary>
/// kill -9 of the real host (built app, real tmux on a private socket, plan decider, SQLite store) at seeded random
/// points of a busy run, restarted each time; then a last run approves the pending command through LocalBus.
/// Rounds and seed come from <c>TMUXAGENT_CRASH_ROUNDS</c> / <c>TMUXAGENT_CRASH_SEED</c> (bench/crash-soak.sh runs it longer).
/// </summary>
[Category("tmux"), Category("process"), Category("sqlite")]
public class CrashTests
{
    private static readonly BusyPlan Plan = new("crash");

    [Test]
    public async Task Kill_9_at_random_points_loses_nothing_dispatches_nothing_twice_and_keeps_the_pending_approval()
    {
        var rounds = int.TryParse(Environment.GetEnvironmentVariable("TMUXAGENT_CRASH_ROUNDS"), out var r) ? r : 6;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("TMUXAGENT_CRASH_SEED"), out var s) ? s : 8;
        var random = new Random(seed);
        using var tmux = new TmuxServer();
        using var dir = new TempDir();
        foreach (var b in Plan.Branches) tmux.NewSession(BusyPlan.Session(b));
        dir.File("agent-config.yaml", $"bus_dir: {dir["bus"]}\nnotify: local_bus\nhosts:\n  - name: local\n    tmux:\n      socket: {tmux.Socket}\n      capture_lines: 500\n");
        dir.File("orchestrator.toml", Plan.Toml("poll_interval = 0.3"));
        string[] args = ["--config", dir["agent-config.yaml"], "--orchestrator-config", dir["orchestrator.toml"], "--store", dir[".tmuxagent/events.db"]];

        var log = new List<string>();
        for (var round = 0; round < rounds; round++)
        {
            using var host = new HostProcess(dir.Path, args);
            var after = TimeSpan.FromMilliseconds(random.Next(700, 4000));
            await Task.Delay(after);
            host.Kill9();
            log.Add($"round {round}: SIGKILL after {after.TotalMilliseconds} ms");
        }

        using (var last = new HostProcess(dir.Path, args))
        {
            (await TmuxServer.WaitFor(() => PendingInMirror(dir).Any(p => p.Branch == "crash/r"), 60)).Should().BeTrue(last.StdErr);
            // The operator approves what waits: crash/r's risky command, and any command a kill caught between
            // recording and typing (offered again as <id>-resend).
            var approved = new HashSet<string>();
            (await TmuxServer.WaitFor(() => { ApproveNew(dir, approved); return Plan.AllRan(tmux); }, 90))
                .Should().BeTrue($"every plan command ends up run once ({string.Join("; ", log)})\n{Plan.Report(tmux)}\n{last.StdErr}");
            using (var term = Process.Start("kill", ["-TERM", last.Pid.ToString()])) term.WaitForExit();
            last.WaitForExit(20).Should().Be(0, last.StdErr);
        }

        // No command typed twice: every marker line appears exactly once in its pane.
        foreach (var m in Plan.Markers) BusyPlan.Lines(tmux, m.Session, m.Marker).Should().Be(1, $"{m.Marker} runs once ({string.Join("; ", log)})");

        using var store = SqliteEventStore.Open(dir[".tmuxagent/events.db"]);
        var stored = await store.ReadAllAsync(0, int.MaxValue);
        var events = stored.Select(EventSerializer.FromStored).ToList();
        events.OfType<CommandDispatched>().GroupBy(d => d.CommandId).Should().OnlyContain(g => g.Count() == 1, "no command id is dispatched twice");
        events.OfType<ConfirmationRequested>().Where(c => c.Branch == "crash/r" && c.Reason != ConfirmationReasons.ResendUndelivered)
            .Select(c => c.CommandId).Distinct().Should().ContainSingle("the pending approval keeps its id across restarts");
        events.OfType<ConfirmationRequested>().Where(c => c.Reason == ConfirmationReasons.ResendUndelivered)
            .All(c => events.OfType<CommandDeliveryFailed>().Any(f => c.CommandId == f.CommandId + "-resend"))
            .Should().BeTrue("only a command whose delivery was lost is offered again");
        events.OfType<CommandDispatched>().Should().Contain(d => d.Branch == "crash/r", "the approved command is dispatched after the restarts");

        // The mirror: no torn, duplicated or reordered line, and nothing recorded missing.
        var lines = File.ReadAllLines(dir[".tmuxagent/logs/orchestrator-actions.jsonl"]).Where(l => l.Length > 0).ToList();
        var parsed = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var seqs = parsed.Select(p => p.GetProperty("seq").GetInt64()).ToList();
        seqs.Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        parsed.Select(p => p.GetProperty("id").GetString()).Should().OnlyHaveUniqueItems();
        seqs.Should().Equal(stored.Select(e => e.Position), "every stored event is in the mirror once, in order");
    }

    /// <summary>Writes a LocalBus approval for every pending confirmation in the mirror not approved yet.</summary>
    private static void ApproveNew(TempDir dir, HashSet<string> approved)
    {
        foreach (var (branch, id) in PendingInMirror(dir))
        {
            if (!approved.Add(id)) continue;
            Directory.CreateDirectory(dir["bus"]);
            File.AppendAllText(Path.Combine(dir["bus"], "confirmations.jsonl"),
                JsonSerializer.Serialize(new { id = "conf-" + id, ts = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0, branch, action = "approve", command_id = id, meta = new { who = "test" } }) + "\n");
        }
    }

    private static List<(string Branch, string Id)> PendingInMirror(TempDir dir)
    {
        var path = dir[".tmuxagent/logs/orchestrator-actions.jsonl"];
        var found = new List<(string, string)>();
        if (!File.Exists(path)) return found;
        foreach (var line in File.ReadAllLines(path))
        {
            try
            {
                var e = JsonDocument.Parse(line).RootElement;
                if (e.GetProperty("event").GetString() == "pending_confirmation")
                    found.Add((e.GetProperty("branch").GetString()!, e.GetProperty("payload").GetProperty("meta").GetProperty("command_id").GetString()!));
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException) { }
        }
        return found;
    }
}
