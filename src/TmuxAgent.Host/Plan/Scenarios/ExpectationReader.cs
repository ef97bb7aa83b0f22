using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Serialization;
using TmuxAgent.Core.Testing;
using YamlDotNet.RepresentationModel;

namespace TmuxAgent.Host.Plan.Scenarios;

/// <summary>Reads an <c>expect:</c> mapping into Core <see cref="Expectation"/>s.</summary>
internal static class ExpectationReader
{
    private static readonly Dictionary<string, CommandAspect> CommandKeys = new()
    {
        ["dispatched"] = CommandAspect.Dispatched, ["dry_run"] = CommandAspect.DryRun, ["queued"] = CommandAspect.Queued,
        ["pending"] = CommandAspect.Pending, ["dropped"] = CommandAspect.Dropped, ["approved"] = CommandAspect.Approved,
        ["denied"] = CommandAspect.Denied, ["queue"] = CommandAspect.Queue, ["awaiting_approval"] = CommandAspect.AwaitingApproval,
    };

    private static readonly Dictionary<string, StepFlag> FlagKeys = new()
    {
        ["nothing"] = StepFlag.Nothing, ["unblocked"] = StepFlag.Unblocked, ["decision_requested"] = StepFlag.DecisionRequested,
        ["stalled"] = StepFlag.Stalled, ["notify"] = StepFlag.Notify,
    };

    private static readonly string[] DropReasonValues =
        [DropReasons.Duplicate, DropReasons.OverCycleLimit, DropReasons.Completed, DropReasons.Blocked, DropReasons.Empty];

    private static readonly string[] QueueReasonValues =
        [QueueReasons.PaneBusy, QueueReasons.SessionCooldown, QueueReasons.Approved, QueueReasons.BehindQueue];

    public static string AllKeys => string.Join(", ", CommandKeys.Keys.Concat(["blocked_by", "phase", "events"]).Concat(FlagKeys.Keys));

    public static IReadOnlyList<Expectation> Read(YamlMap? map)
    {
        if (map is null) return [];
        var result = new List<Expectation>();
        foreach (var (key, aspect) in CommandKeys)
            if (map.List(key) is { } items) result.Add(new CommandExpectation(aspect, Commands(map, key, aspect, items)));
        if (map.Strings("blocked_by") is { } blockers) result.Add(new BlockedByExpectation(blockers));
        if (map.String("phase") is { } phase) result.Add(new PhaseExpectation(phase));
        if (map.Strings("events") is { } events) result.Add(new EventsExpectation(Events(map, events)));
        foreach (var (key, flag) in FlagKeys)
            if (map.Bool(key) is { } value) result.Add(new FlagExpectation(flag, value));
        map.RejectUnknownKeys("one of " + AllKeys);
        return result;
    }

    private static List<ExpectedCommand> Commands(YamlMap map, string key, CommandAspect aspect, IReadOnlyList<YamlNode> items)
    {
        var result = new List<ExpectedCommand>();
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is YamlScalarNode { Value: { } text }) { result.Add(new ExpectedCommand(text)); continue; }
            if (map.Item(key, i, items[i]) is not { } c) continue;
            var command = c.RequiredString("command");
            var reason = c.String("reason");
            c.RejectUnknownKeys("command, reason");
            if (reason is not null && Allowed(aspect) is { } allowed && !allowed.Contains(reason))
                c.Error("reason", c.Get("reason")!, $"expected one of {string.Join(", ", allowed)}, got \"{reason}\"");
            if (command is not null) result.Add(new ExpectedCommand(command, reason));
        }
        return result;
    }

    private static string[]? Allowed(CommandAspect aspect) => aspect switch
    {
        CommandAspect.Dropped => DropReasonValues,
        CommandAspect.Queued => QueueReasonValues,
        _ => null,
    };

    private static List<string> Events(YamlMap map, IReadOnlyList<string> events)
    {
        foreach (var unknown in events.Where(e => EventTypes.TypeOf(e) is null))
            map.Error("events", map.Get("events")!, $"unknown event type \"{unknown}\" (expected one of {string.Join(", ", EventTypes.Names)})");
        return events.ToList();
    }
}
