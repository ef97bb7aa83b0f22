using System.Collections;
using System.Reflection;
using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Projections.Snapshots;
using TmuxAgent.Host.Snapshots;

namespace TmuxAgent.Tests.Projections.Snapshots;

/// <summary>The snapshot shape versions are bumped when the shapes change: the members of every record a snapshot holds
/// are recorded here per version, so adding, removing or retyping one fails this test until the version is bumped (and
/// the new shape recorded). <c>Evolve</c> changes are not visible here: the rule next to <see cref="StateShape"/> covers them.</summary>
public class StateShapeTests
{
    /// <summary>The shape of <see cref="StateShape.Version"/> 3 (version 2 had no <c>BranchCounters.AgentSubmissions</c>;
    /// version 1 had neither <c>BranchCounters.RepeatedDecisions</c> nor <c>BranchState.QuietAnswer</c>).</summary>
    private static readonly string[] StateShape3 =
    [
        "BoardSnapshotData.Branches: IReadOnlyList<BranchSnapshotEntry>",
        "BoardSnapshotData.Position: Int64",
        "BranchCounters.AgentSubmissions: ImmutableSortedDictionary<String, ImmutableSortedDictionary<String, Int64>>",
        "BranchCounters.Approvals: Int64",
        "BranchCounters.DecisionErrorTotal: Int64",
        "BranchCounters.DecisionErrors: ImmutableSortedDictionary<String, Int64>",
        "BranchCounters.Decisions: Int64",
        "BranchCounters.Denials: Int64",
        "BranchCounters.Dispatched: Int64",
        "BranchCounters.Dropped: Int64",
        "BranchCounters.DryRun: Int64",
        "BranchCounters.Failures: Int64",
        "BranchCounters.Queued: Int64",
        "BranchCounters.RepeatedDecisions: Int64",
        "BranchCounters.Stalls: Int64",
        "BranchCounters.StuckVerdicts: Int64",
        "BranchCounters.Successes: Int64",
        "BranchCounters.UnknownRiskLevels: Int64",
        "BranchSnapshotEntry.State: BranchState",
        "BranchSnapshotEntry.Version: Int64",
        "BranchState.AwaitingReceipt: ImmutableList<CommandRef>",
        "BranchState.Branch: String",
        "BranchState.ConsecutiveFailures: Int32",
        "BranchState.Counters: BranchCounters",
        "BranchState.IsBlocked: Boolean",
        "BranchState.LastCommand: String",
        "BranchState.LastDelegateSuggestions: DelegateSuggested",
        "BranchState.LastDispatchAt: Nullable<DateTimeOffset>",
        "BranchState.LastEventAt: Nullable<DateTimeOffset>",
        "BranchState.LastStuckCheck: StuckChecked",
        "BranchState.LastSummary: String",
        "BranchState.OpenDecisionId: String",
        "BranchState.Pending: ImmutableList<CommandRef>",
        "BranchState.Phase: String",
        "BranchState.Plan: TaskPlan",
        "BranchState.Queue: ImmutableList<CommandRef>",
        "BranchState.QuietAnswer: String",
        "BranchState.ReportedBlockers: IReadOnlyList<String>",
        "BranchState.RetryAt: Nullable<DateTimeOffset>",
        "BranchState.Running: ImmutableList<CommandRef>",
        "BranchState.Session: String",
        "BranchState.StallCount: Int32",
        "BranchState.Summaries: ImmutableList<SummaryRecorded>",
        "BranchState.WaitingOn: ImmutableList<String>",
        "CommandRef.Approved: Boolean",
        "CommandRef.CommandId: String",
        "CommandRef.Reason: String",
        "CommandRef.Session: String",
        "CommandRef.Since: DateTimeOffset",
        "CommandRef.Spec: CommandSpec",
        "CommandSpec.Cwd: String",
        "CommandSpec.Enter: Boolean",
        "CommandSpec.InputMode: String",
        "CommandSpec.Keys: IReadOnlyList<String>",
        "CommandSpec.Notes: String",
        "CommandSpec.RiskLevel: String",
        "CommandSpec.Text: String",
        "DelegateSuggested.At: DateTimeOffset",
        "DelegateSuggested.Branch: String",
        "DelegateSuggested.Commands: IReadOnlyList<CommandSpec>",
        "DelegateSuggested.DecisionId: String",
        "StuckChecked.At: DateTimeOffset",
        "StuckChecked.Branch: String",
        "StuckChecked.CheckId: String",
        "StuckChecked.Evidence: IReadOnlyList<String>",
        "StuckChecked.Notify: Boolean",
        "StuckChecked.Reason: String",
        "StuckChecked.Stuck: Boolean",
        "StuckChecked.Suggestion: String",
        "SummaryRecorded.At: DateTimeOffset",
        "SummaryRecorded.Branch: String",
        "SummaryRecorded.Summary: String",
        "TaskPlan.Branch: String",
        "TaskPlan.DependsOn: IReadOnlyList<String>",
        "TaskPlan.Phases: IReadOnlyList<String>",
        "TaskPlan.Responsible: String",
        "TaskPlan.Session: String",
        "TaskPlan.Tags: IReadOnlyList<String>",
        "TaskPlan.Title: String",
    ];

    /// <summary>The shape of <see cref="HostSnapshot.HostVersion"/> 1.</summary>
    private static readonly string[] HostShape1 =
    [
        "AskedConfirmation.Branch: String",
        "AskedConfirmation.CommandId: String",
        "AskedConfirmation.Text: String",
        "HostSnapshotData.Asked: IReadOnlyList<AskedConfirmation>",
        "HostSnapshotData.Board: BoardSnapshotData",
    ];

    [Test]
    public void The_branch_state_shape_is_the_one_recorded_for_its_version()
    {
        StateShape.Version.Should().Be(3, "a new version needs its shape recorded in this test");
        Shape(typeof(BoardSnapshotData)).Should().Equal(StateShape3,
            "BranchState or a record it holds changed: bump StateShape.Version and record the new shape here");
    }

    [Test]
    public void The_host_snapshot_shape_is_the_one_recorded_for_its_version()
    {
        HostSnapshot.HostVersion.Should().Be(1, "a new version needs its shape recorded in this test");
        Shape(typeof(HostSnapshotData)).Where(l => !l.StartsWith("BoardSnapshotData", StringComparison.Ordinal)
                && !StateShape3.Contains(l)).Should().Equal(HostShape1,
            "HostSnapshotData changed: bump HostSnapshot.HostVersion and record the new shape here");
    }

    /// <summary><c>Type.Member: MemberType</c> for every public instance property of <paramref name="root"/> and of every
    /// type of ours reachable from it, sorted.</summary>
    private static List<string> Shape(Type root)
    {
        var lines = new SortedSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<Type>();
        var todo = new Queue<Type>([root]);
        while (todo.TryDequeue(out var type))
        {
            if (!seen.Add(type)) continue;
            foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
            {
                if (p.GetCustomAttribute<System.Text.Json.Serialization.JsonIgnoreAttribute>() is not null) continue;
                lines.Add($"{type.Name}.{p.Name}: {Name(p.PropertyType)}");
                foreach (var t in Ours(p.PropertyType)) todo.Enqueue(t);
            }
        }
        return [.. lines];
    }

    private static IEnumerable<Type> Ours(Type t)
    {
        if (t.Namespace?.StartsWith("TmuxAgent", StringComparison.Ordinal) == true && !t.IsEnum) yield return t;
        foreach (var a in t.GetGenericArguments()) foreach (var o in Ours(a)) yield return o;
        if (t.IsArray) foreach (var o in Ours(t.GetElementType()!)) yield return o;
    }

    private static string Name(Type t) => t.IsGenericType
        ? $"{t.Name[..t.Name.IndexOf('`')]}<{string.Join(", ", t.GetGenericArguments().Select(Name))}>"
        : t.Name;
}
