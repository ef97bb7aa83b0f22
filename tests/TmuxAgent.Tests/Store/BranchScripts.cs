using CsCheck;
using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;
using TmuxAgent.Core.Policy;
using TmuxAgent.Core.Tasks;

namespace TmuxAgent.Tests.Store;

/// <summary>
/// Random but valid branch lives for property tests: a policy and a list of steps. A step is resolved into a
/// <see cref="BranchInput"/> against the live state when it runs, so approvals, denials and receipts name
/// commands that really are pending, awaiting a receipt or running (and sometimes ones that are not).
/// </summary>
internal sealed record BranchScript(OrchestratorPolicy Policy, IReadOnlyList<ScriptStep> Steps)
{
    public static readonly DateTimeOffset Start = new(2025, 11, 23, 12, 0, 0, TimeSpan.FromHours(8));

    /// <summary>Each step's input (resolved against the state at that moment) and its time.</summary>
    public IEnumerable<(ScriptStep Step, DateTimeOffset Now)> Timeline()
    {
        var now = Start;
        foreach (var s in Steps)
        {
            now = now.AddSeconds(s.Seconds).AddTicks(s.Pick);
            yield return (s, now);
        }
    }

    public override string ToString() =>
        $"policy dry_run={Policy.DryRun} max={Policy.MaxCommandsPerCycle} stall={Policy.StallTimeoutSeconds}; steps: {string.Join(" ", Steps)}";
}

/// <summary>One step of a <see cref="BranchScript"/>: a kind and the random choices that shape its input.</summary>
internal sealed record ScriptStep(int Kind, int Pick, bool Flag, bool Flag2, int Count, double Seconds, int Text)
{
    private static readonly string?[] Texts = ["npm test", "rm -rf build", "git status", "修复 bug 🐛 并提交", "echo '🚀 部署'", null, "make -j2"];
    private static readonly string[] Risks = ["low", "medium", "high", "critical", "low"];
    private static readonly string[] Phases = ["planning", "coding", "testing", "done", "评审"];
    private static readonly string[] Deps = ["dep/a", "dep/b"];

    public BranchInput Resolve(BranchState s, int index) => Kind switch
    {
        0 => new PlanTask(new TaskPlan(s.Branch, Flag ? "标题 ✨" : null, Phases[..(2 + Count)],
            Deps.Take(Pick % 3).ToList(), Flag2 ? "ops" : null, Flag ? ["t1"] : null, Flag2 ? "custom-session" : null)),
        1 or 2 => new Tick(new PaneObservation(Flag), Deps.ToDictionary(d => d, d => DependencyPhase(d)), $"d{index}"),
        3 or 4 => new ReceiveDecision(s.OpenDecisionId ?? $"stale-{index}", Decision(), new PaneObservation(Flag2), Pick / 10.0),
        5 => new FailDecision(s.OpenDecisionId ?? $"stale-{index}", DecisionErrorKinds.All[Pick % DecisionErrorKinds.All.Count], "无法解析 JSON 💥"),
        6 => new Approve(Flag ? Choose(s.Pending)?.CommandId : null, Flag ? null : Choose(s.Pending)?.Spec.Text, "alice", "portal", Flag2 ? "好的 👍" : null, new PaneObservation(Flag2)),
        7 => new Deny(Flag ? Choose(s.Pending)?.CommandId : null, Flag ? null : Choose(s.Pending)?.Spec.Text, "bob", "cli", null),
        8 => new ReportDelivery(Choose(s.AwaitingReceipt)?.CommandId ?? "cmd-unknown", Flag, Flag ? null : "pane showed nothing"),
        _ => new ReportCompletion(Choose(Flag ? s.Running : s.AwaitingReceipt)?.CommandId ?? "cmd-unknown", Flag2 ? 0 : Pick % 3),
    };

    private string? DependencyPhase(string dep) => ((Pick + dep.Length * Text) % 3) switch { 0 => "done", 1 => "coding", _ => null };

    private Decision Decision() => new(
        Summary: Flag ? "总结: tests pass ✅" : null,
        Commands: Enumerable.Range(0, Count).Select(Command).ToList(),
        RequiresConfirmation: Flag && Flag2,
        Phase: Text % 3 == 0 ? Phases[Pick % Phases.Length] : null,
        Blockers: Flag2 ? ["waiting for review 等待"] : null,
        Notify: Flag ? null : "notify 📣");

    private CommandSpec Command(int i)
    {
        var text = Texts[(Text + i) % Texts.Length];
        IReadOnlyList<string> keys = text is null || (Pick + i) % 5 == 0 ? ["Escape", "C-c"] : [];
        return new CommandSpec(text, keys, (Pick + i) % 4 != 0, Risks[(Pick + i) % Risks.Length],
            (Text + i) % 4 == 0 ? InputModes.CodexDialogue : InputModes.Shell, Flag ? "/srv/应用" : null, Flag2 ? "note" : null);
    }

    private CommandRef? Choose(IReadOnlyList<CommandRef> list) => list.Count == 0 ? null : list[Pick % list.Count];

    public override string ToString() => $"{Kind}/{Pick}/{(Flag ? 1 : 0)}{(Flag2 ? 1 : 0)}/{Count}/{Seconds:0}s/{Text}";
}

internal static class BranchScripts
{
    private static readonly Gen<ScriptStep> Step = Gen.Select(
        Gen.Int[0, 9], Gen.Int[0, 1000], Gen.Bool, Gen.Bool, Gen.Int[0, 3], Gen.Double[0, 400], Gen.Int[0, 11],
        (kind, pick, flag, flag2, count, seconds, text) => new ScriptStep(kind, pick, flag, flag2, count, seconds, text));

    private static readonly Gen<OrchestratorPolicy> Policy = Gen.Select(Gen.Bool, Gen.Int[1, 3], Gen.Int[0, 2],
        (dryRun, max, stall) => OrchestratorPolicy.Default with
        {
            DryRun = dryRun,
            MaxCommandsPerCycle = max,
            StallTimeoutSeconds = stall switch { 0 => 0, 1 => 60, _ => 300 },
            FailureAlertThreshold = 2,
        });

    /// <summary>A policy and 1 to 60 steps; the first step usually plans the task.</summary>
    public static readonly Gen<BranchScript> Any = Gen.Select(Policy, Step.List[1, 60], Gen.Bool,
        (policy, steps, planFirst) => new BranchScript(policy,
            planFirst ? [new ScriptStep(0, 1, true, false, 2, 0, 0), .. steps] : steps));
}
