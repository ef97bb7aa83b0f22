using Microsoft.Extensions.Logging.Abstractions;
using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Store;
using TmuxAgent.Host;
using TmuxAgent.Config;
using TmuxAgent.Host.Config;
using TmuxAgent.Host.Decisions;
using TmuxAgent.Host.Observers;

namespace TmuxAgent.Tests.Host.Loop;

/// <summary>A decision source answering from a function (the model stand-in of loop tests).</summary>
public sealed class ScriptedSource(Func<DecisionContext, Decision> answer) : IDecisionSource
{
    public int Calls { get; private set; }

    public Task<DecisionOutcome> DecideAsync(DecisionContext context, CancellationToken ct)
    {
        Calls++;
        return Task.FromResult<DecisionOutcome>(new DecisionAnswered(answer(context), TimeSpan.FromMilliseconds(5)));
    }
}

/// <summary>Records what the loop tells its observers.</summary>
public sealed class RecordingObserver : IOrchestratorObserver
{
    public List<BranchEvent> Events { get; } = [];
    public List<string> Rejections { get; } = [];
    public List<string> Cycles { get; } = [];
    public List<string> AuditLogFailures { get; } = [];
    public int AuditLogRecoveries { get; private set; }
    public List<double> RepeatedLatencies { get; } = [];

    public void EventAppended(BranchEvent appended, BranchState after) => Events.Add(appended);
    public void ConfirmationRejected(string? branch, string reason) => Rejections.Add(reason);
    public void CycleCompleted(string branch, DateTimeOffset at) => Cycles.Add(branch);
    public void AuditLogFailed(string message) => AuditLogFailures.Add(message);
    public void AuditLogRecovered() => AuditLogRecoveries++;
    public void DecisionRepeated(string branch, double latencySeconds) => RepeatedLatencies.Add(latencySeconds);
}

/// <summary>A loop over a private tmux server, a temp folder (bus, audit log) and an in-memory store.</summary>
public sealed class LoopHarness : IDisposable
{
    public TmuxServer Tmux { get; } = new();
    public TempDir Dir { get; } = new();
    public IEventStore Store { get; set; } = new InMemoryEventStore();
    public RecordingObserver Observer { get; private set; } = new();
    public ApprovalInbox Inbox { get; } = new();

    public string BusDir => Dir["bus"];
    public string AuditPath => Dir[".tmuxagent/logs/orchestrator-actions.jsonl"];

    public OrchestratorConfig Config(string toml) =>
        OrchestratorConfigLoader.Parse("poll_interval = 1.0\ncooldown_seconds = 0\nsession_cooldown_seconds = 0\ncommand_timeout_seconds = 0\n" + toml,
            "orchestrator.toml", Dir["orchestrator.toml"]).Config;

    /// <summary>When set, the pane host is reached through this ssh block instead of locally.</summary>
    public SshConfig? Ssh { get; set; }

    public AgentConfig Agent => new()
    {
        BusDir = BusDir,
        Hosts = [new HostConfig("local", Ssh, new TmuxHostConfig { Socket = Tmux.Socket, CaptureLines = 200 })],
    };

    /// <summary>A fresh loop (as after a restart) over the same store, loaded.</summary>
    public async Task<OrchestratorLoop> StartAsync(OrchestratorConfig config, IDecisionSource source, bool dryRun = false)
    {
        Observer = new RecordingObserver();
        var settings = new LoopSettings(config, Agent, dryRun, AuditPath, Dir["state/localbus-offsets.json"], source);
        var loop = new OrchestratorLoop(settings, Store, [Observer], Inbox, NullLogger.Instance);
        await loop.LoadAsync();
        return loop;
    }

    public static string Task(string branch, string extra = "") => $"[[tasks]]\nbranch = \"{branch}\"\nphases = [\"planning\", \"done\"]\n{extra}\n";

    public string Bus(string file) => File.Exists(Path.Combine(BusDir, file)) ? File.ReadAllText(Path.Combine(BusDir, file)) : "";

    public void Dispose()
    {
        Tmux.Dispose();
        Dir.Dispose();
    }
}
