using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;
using TmuxAgent.Core.Policy;
using TmuxAgent.Core.Serialization;
using TmuxAgent.Core.Store;
using TmuxAgent.Core.Tasks;

namespace TmuxAgent.Bench;

/// <summary>One input handed to Decide: which branch, what happened, when.</summary>
public readonly record struct WorkloadStep(int BranchIndex, BranchInput Input, DateTimeOffset Now);

/// <summary>
/// A deterministic, realistic orchestrator workload: branches planned with dependencies, then cycles of
/// tick → decision → dispatch → delivery receipt → exit status, with every fifth decision risky (approval, then dispatch)
/// and phase changes now and then. Produces the inputs (for Decide benchmarks) and the events they lead to
/// (for store and fold benchmarks).
/// </summary>
public sealed class Workload
{
    public static readonly OrchestratorPolicy Policy = OrchestratorPolicy.Default;
    private static readonly DateTimeOffset Start = new(2025, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly string[] Phases = ["planning", "coding", "testing", "review", "done"];

    public required string[] Branches { get; init; }
    public required List<WorkloadStep> Steps { get; init; }
    public required List<BranchEvent> Events { get; init; }

    /// <summary>Runs cycles over <paramref name="branchCount"/> branches until at least <paramref name="minEvents"/> events exist.</summary>
    public static Workload Generate(int branchCount, int minEvents)
    {
        var branches = Enumerable.Range(0, branchCount).Select(i => $"team/feature-{i:000}").ToArray();
        var states = branches.Select(BranchState.New).ToArray();
        var steps = new List<WorkloadStep>();
        var events = new List<BranchEvent>();
        var now = Start;

        void Run(int b, BranchInput input)
        {
            now = now.AddMilliseconds(250);
            steps.Add(new WorkloadStep(b, input, now));
            var produced = BranchDecider.Decide(states[b], input, Policy, now);
            states[b] = BranchEvolver.Fold(states[b], produced);
            events.AddRange(produced);
        }

        for (var b = 0; b < branchCount; b++)
        {
            var deps = b % 4 == 3 ? new[] { branches[b - 1] } : [];
            Run(b, new PlanTask(new TaskPlan(branches[b], $"Feature {b}", Phases, deps, "ops", ["bench"])));
        }

        for (var cycle = 0; events.Count < minEvents; cycle++)
        {
            now = now.AddSeconds(Policy.CooldownSeconds + 1);
            for (var b = 0; b < branchCount; b++)
            {
                var phases = states[b].Plan!.DependsOn.ToDictionary(d => d, d => (string?)(cycle % 3 == 0 ? "coding" : "done"));
                Run(b, new Tick(PaneObservation.Idle, phases, $"{branches[b]}/decision-{cycle}"));
                if (states[b].OpenDecisionId is not { } decisionId) continue;
                Run(b, new ReceiveDecision(decisionId, DecisionFor(cycle, b), PaneObservation.Idle, 3.5));
                foreach (var pending in states[b].Pending.ToList())
                    Run(b, new Approve(pending.CommandId, null, "alice", "portal", "ok", PaneObservation.Idle));
                foreach (var sent in states[b].AwaitingReceipt.ToList())
                    Run(b, new ReportDelivery(sent.CommandId, true));
                foreach (var running in states[b].Running.ToList())
                    Run(b, new ReportCompletion(running.CommandId, cycle % 7 == 0 ? 1 : 0));
            }
        }
        return new Workload { Branches = branches, Steps = steps, Events = events };
    }

    private static Decision DecisionFor(int cycle, int b)
    {
        var risky = cycle % 5 == 4;
        CommandSpec command = risky
            ? new("rm -rf build && npm ci", [], true, "high", InputModes.Shell, "/srv/app", "clean install")
            : new($"npm test -- --shard {cycle % 8}/8", [], true, "low", InputModes.Shell, null, null);
        return new Decision(
            Summary: $"Cycle {cycle}: tests {(cycle % 7 == 0 ? "fail" : "pass")} on branch {b}; next step is {command.Text}.",
            Commands: [command],
            Phase: Phases[Math.Min(cycle / 10, Phases.Length - 2)],
            Blockers: cycle % 6 == 0 ? ["waiting for review"] : null);
    }

    /// <summary>The events as the store holds them, grouped into one append per branch stream and cycle chunk.</summary>
    public IEnumerable<StreamAppend> Appends(int eventsPerAppend, int maxEvents = int.MaxValue)
    {
        var versions = new Dictionary<string, long>();
        foreach (var chunk in Events.Take(maxEvents).Chunk(eventsPerAppend))
        {
            foreach (var group in chunk.GroupBy(e => e.Branch))
            {
                var version = versions.GetValueOrDefault(group.Key, -1);
                var list = group.Select(e => EventSerializer.ToNew(e, Guid.NewGuid().ToString("N"))).ToList();
                versions[group.Key] = version + list.Count;
                yield return new StreamAppend(StreamName.ForBranch(group.Key), version < 0 ? ExpectedVersion.NoStream : ExpectedVersion.Exactly(version), list);
            }
        }
    }
}
