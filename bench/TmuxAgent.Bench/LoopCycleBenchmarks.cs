using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Store;
using TmuxAgent.Host;
using TmuxAgent.Config;
using TmuxAgent.Host.Config;
using TmuxAgent.Host.Decisions;
using TmuxAgent.Host.Observers;
using TmuxAgent.Host.Processes;
using TmuxAgent.Host.Tmux;
using TmuxAgent.Host.Tmux.Transport;

namespace TmuxAgent.Bench;

/// <summary>
/// The loop's own cost per cycle over 50 branches (target &lt; 10 ms), without tmux: the panes come from an in-memory
/// tmux (<see cref="InMemoryTmux"/>) answering <c>list-panes -a</c> and <c>capture-pane</c> at once, the store is
/// in memory, the audit mirror is a real file. <c>Settled</c>: every branch has finished its plan (what a dry-run load
/// run does most of its time). <c>Deciding</c>: every branch asks for a decision every cycle and gets an empty answer
/// (two events appended and mirrored per branch per cycle, the pane captured for the decision source).
/// </summary>
[MemoryDiagnoser]
public class LoopCycleBenchmarks
{
    public const int Branches = 50;

    [Params("Settled", "Deciding")]
    public string Scenario { get; set; } = "Settled";

    private OrchestratorLoop _loop = null!;
    private string _dir = null!;

    [GlobalSetup]
    public void Start()
    {
        _dir = Directory.CreateTempSubdirectory("ta-loopbench-").FullName;
        var deciding = Scenario == "Deciding";
        var toml = new StringBuilder("poll_interval = 1\ncooldown_seconds = 0\nsession_cooldown_seconds = 0\ndecision_source = \"plan\"\n");
        for (var i = 1; i <= Branches; i++)
            toml.Append($"[[tasks]]\nbranch = \"load/b{i}\"\nphases = [\"build\", \"test\", \"done\"]\n[tasks.plan]\nbuild = [\"echo build {i}\"]\ntest = [\"echo test {i}\"]\n");
        var config = OrchestratorConfigLoader.Parse(toml.ToString(), "orchestrator.toml", Path.Combine(_dir, "orchestrator.toml")).Config;
        var agent = new AgentConfig { BusDir = Path.Combine(_dir, "bus"), Hosts = [new HostConfig("local", null, new TmuxHostConfig { Socket = "bench" })] };
        var tmux = new InMemoryTmux(config.Tasks.Select(t => t.SessionName));
        var settings = new LoopSettings(config, agent, DryRun: true, Path.Combine(_dir, "audit.jsonl"), Path.Combine(_dir, "offsets.json"),
            deciding ? new EmptyDecisions() : null) { TmuxClientFor = h => new TmuxClient("tmux", h.Tmux.Socket) { Transport = tmux } };
        _loop = new OrchestratorLoop(settings, new InMemoryEventStore(), [], new ApprovalInbox(), NullLogger.Instance);
        _loop.LoadAsync().GetAwaiter().GetResult();
        for (var i = 0; i < 10; i++) _loop.RunCycleAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Delete() => Directory.Delete(_dir, recursive: true);

    [Benchmark(Description = "one cycle over 50 branches")]
    public Task Cycle() => _loop.RunCycleAsync(CancellationToken.None);

    /// <summary><c>loop-quick</c>: wall and process CPU time per cycle for both scenarios, without BenchmarkDotNet (a loaded
    /// machine inflates wall time; CPU time is what the loop costs).</summary>
    public static async Task QuickAsync(int cycles = 2000)
    {
        foreach (var scenario in new[] { "Settled", "Deciding" })
        {
            var bench = new LoopCycleBenchmarks { Scenario = scenario };
            bench.Start();
            for (var i = 0; i < cycles / 4; i++) await bench.Cycle();
            var cpu = Environment.CpuUsage.TotalTime;
            var wall = System.Diagnostics.Stopwatch.StartNew();
            for (var i = 0; i < cycles; i++) await bench.Cycle();
            wall.Stop();
            var used = Environment.CpuUsage.TotalTime - cpu;
            Console.WriteLine($"{scenario,-9} one cycle over {Branches} branches: wall {wall.Elapsed.TotalMilliseconds / cycles:0.000} ms   cpu {used.TotalMilliseconds / cycles:0.000} ms   ({cycles} cycles)");
            bench.Delete();
        }
    }

    /// <summary>Always "nothing to do", and reads the pane (as the external model command does).</summary>
    private sealed class EmptyDecisions : IDecisionSource
    {
        public Task<DecisionOutcome> DecideAsync(DecisionContext context, CancellationToken ct) =>
            Task.FromResult<DecisionOutcome>(new DecisionAnswered(new Decision("nothing to do", []), TimeSpan.Zero));
    }
}

/// <summary>A tmux server in memory: one idle <c>sh</c> pane per session, 40 lines of text each; answers instantly.</summary>
public sealed class InMemoryTmux : ITmuxTransport
{
    private readonly byte[] _listing;
    private readonly byte[] _text = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(1, 40).Select(i => $"$ echo line {i}\nline {i}\n")));

    public InMemoryTmux(IEnumerable<string> sessions) =>
        _listing = Encoding.UTF8.GetBytes(string.Concat(sessions.Select((s, i) => $"{s}\t1\t%{i}\t1\tsh\thost\n")));

    public Task<ProcessResult> RunAsync(IReadOnlyList<string> argv, CancellationToken ct = default)
    {
        var verb = argv.SkipWhile(a => a != "list-panes" && a != "capture-pane").FirstOrDefault();
        var output = verb switch { "list-panes" => _listing, "capture-pane" => _text, _ => [] };
        return Task.FromResult(new ProcessResult(0, output, "", false, TimeSpan.Zero));
    }

    public string Describe() => "in-memory";
}
