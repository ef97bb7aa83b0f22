using TmuxAgent.Core.Audit;
using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;
using TmuxAgent.Core.Policy;
using TmuxAgent.Core.Store;
using TmuxAgent.Core.Tasks;

namespace TmuxAgent.Tests.Replay;

/// <summary>A run recorded through the real Decide, store and mirror: one branch, one decision with two commands
/// (the first dispatched, the second queued behind the session cooldown), then a risky one held for approval.</summary>
internal static class RecordedRun
{
    public static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1763900000);

    public static async Task<InMemoryEventStore> RecordAsync(string mirrorPath) => await RecordAsync(mirrorPath, new InMemoryEventStore());

    /// <summary>Records the run into <paramref name="store"/> (e.g. a real SQLite store) and mirrors it to <paramref name="mirrorPath"/>.</summary>
    public static async Task<TStore> RecordAsync<TStore>(string mirrorPath, TStore store) where TStore : IEventStore
    {
        var n = 0;
        var repo = new BranchRepository(store, () => $"ev-{++n}");
        var policy = OrchestratorPolicy.Default;
        var state = await repo.LoadAsync("a/x");
        async Task Step(BranchInput input, int seconds) =>
            state = await repo.AppendAsync(state, BranchDecider.Decide(state.State, input, policy, T0.AddSeconds(seconds)));

        await Step(new PlanTask(new TaskPlan("a/x", "demo", ["planning", "done"], [])), 0);
        await Step(new Tick(PaneObservation.Idle, new Dictionary<string, string?>(), "d1"), 1);
        await Step(new ReceiveDecision("d1", new Decision("build it", [CommandSpec.Of("npm test"), CommandSpec.Of("npm run build")]), PaneObservation.Idle, 1.5), 2);
        await Step(new ReceiveDecision("d2", new Decision("ship it", [CommandSpec.Of("git push origin HEAD", "high")]), PaneObservation.Idle, 0.5), 200);
        await new AuditMirror(mirrorPath, store).SyncAsync();
        return store;
    }
}
