using System.Globalization;
using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;
using TmuxAgent.Core.Testing;
using YamlDotNet.RepresentationModel;

namespace TmuxAgent.Host.Plan.Scenarios;

/// <summary>Reads one step: exactly one action key (its value the branch, or seconds for <c>advance</c>), its options, <c>expect</c>.</summary>
internal static class StepReader
{
    /// <summary>Each action with the other keys it takes.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Actions = new Dictionary<string, string[]>
    {
        ["cycle"] = ["pane"],
        ["decision"] = ["commands", "phase", "requires_confirmation", "summary", "blockers", "notify", "pane"],
        ["decision_error"] = ["kind", "message"],
        ["approve"] = ["command", "pane", "who"],
        ["deny"] = ["command", "who"],
        ["delivered"] = ["command"],
        ["delivery_failed"] = ["command", "reason"],
        ["exit"] = ["command", "status"],
        ["check"] = [],
        ["advance"] = [],
    };

    public static ScriptedStep? Read(YamlMap map, string fileName)
    {
        var actions = map.Keys.Where(Actions.ContainsKey).ToList();
        if (actions.Count != 1)
        {
            map.Error("", map.Node, actions.Count == 0
                ? $"a step needs one of {string.Join(", ", Actions.Keys)}"
                : $"a step has one action, got {string.Join(" and ", actions)}");
            return null;
        }
        var action = actions[0];
        var source = $"{fileName}:{map.Location.Line}";
        var step = action == "advance" ? Advance(map) : BranchAction(map, action);
        var expect = action == "advance" ? [] : ExpectationReader.Read(map.Map("expect"));
        map.RejectUnknownKeys(action == "advance"
            ? "advance alone; expectations need a branch: add a check step"
            : $"{action} with {string.Join(", ", Actions[action].Append("expect"))}");
        return step is null ? null : new ScriptedStep(step with { Source = source }, expect, map.Location, map.Field(""));
    }

    private static ScenarioStep? Advance(YamlMap map)
    {
        var node = map.Get("advance")!;
        if (node is YamlScalarNode { Value: { } text } && Seconds(text) is { } seconds and >= 0) return new AdvanceStep(seconds);
        return map.Fail<ScenarioStep?>("advance", node, "seconds >= 0 (a number, or with a unit: 90s, 2m, 1h)", null);
    }

    private static double? Seconds(string text)
    {
        var unit = text.Length > 0 ? text[^1] switch { 's' => 1, 'm' => 60, 'h' => 3600, _ => 0 } : 0;
        var number = unit == 0 ? text : text[..^1];
        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v * Math.Max(unit, 1) : null;
    }

    private static ScenarioStep? BranchAction(YamlMap map, string action)
    {
        var branch = map.RequiredString(action);
        var busy = Pane(map);
        var command = Actions[action].Contains("command") ? map.RequiredString("command") : null;
        var who = map.String("who") ?? "scenario";
        ScenarioStep? step = action switch
        {
            "cycle" => new CycleStep(branch ?? "", busy),
            "decision" => Decision(map, branch ?? "", busy),
            "decision_error" => DecisionError(map, branch ?? ""),
            "approve" => new ApproveStep(branch ?? "", command ?? "", busy, who),
            "deny" => new DenyStep(branch ?? "", command ?? "", who),
            "delivered" => new DeliveryStep(branch ?? "", command ?? ""),
            "delivery_failed" => new DeliveryStep(branch ?? "", command ?? "", false, map.String("reason")),
            "exit" => new ExitStep(branch ?? "", command ?? "", map.Int("status") ?? 0),
            _ => new CheckStep(branch ?? ""),
        };
        return branch is null ? null : step;
    }

    private static bool Pane(YamlMap map)
    {
        var pane = map.String("pane");
        if (pane is null or "idle") return false;
        if (pane == "busy") return true;
        map.Error("pane", map.Get("pane")!, $"expected busy or idle, got \"{pane}\"");
        return false;
    }

    private static DecisionErrorStep DecisionError(YamlMap map, string branch)
    {
        var kind = map.String("kind") ?? DecisionErrorKinds.JsonParseError;
        if (!DecisionErrorKinds.All.Contains(kind))
            map.Error("kind", map.Get("kind")!, $"expected one of {string.Join(", ", DecisionErrorKinds.All)}, got \"{kind}\"");
        return new DecisionErrorStep(branch, kind, map.String("message") ?? "scenario");
    }

    private static DecisionStep Decision(YamlMap map, string branch, bool busy)
    {
        var commands = new List<CommandSpec>();
        var names = new List<string?>();
        var items = map.List("commands") ?? [];
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is YamlScalarNode { Value: { } text }) { commands.Add(CommandSpec.Of(text)); names.Add(null); continue; }
            if (map.Item("commands", i, items[i]) is not { } c) continue;
            commands.Add(Command(c));
            names.Add(c.String("name"));
            c.RejectUnknownKeys("text, keys, enter, risk (or risk_level), input_mode, cwd, notes, name");
        }
        var decision = new Decision(map.String("summary") ?? "scenario", commands, map.Bool("requires_confirmation") ?? false,
            map.String("phase"), map.Strings("blockers"), map.String("notify"));
        return new DecisionStep(branch, decision, busy) { CommandNames = names };
    }

    private static CommandSpec Command(YamlMap c)
    {
        var mode = c.String("input_mode") ?? InputModes.Shell;
        if (mode is not (InputModes.Shell or InputModes.CodexDialogue))
            c.Error("input_mode", c.Get("input_mode")!, $"expected shell or codex_dialogue, got \"{mode}\"");
        var spec = new CommandSpec(c.String("text"), c.Strings("keys") ?? [], c.Bool("enter") ?? true,
            c.String("risk") ?? c.String("risk_level") ?? "low", mode, c.String("cwd"), c.String("notes"));
        if (spec.Text is null && spec.Keys.Count == 0) c.Error("text", c.Node, "a command needs text or keys");
        return spec;
    }
}
