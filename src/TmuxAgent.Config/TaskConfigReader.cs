using TmuxAgent.Core.Commands;

namespace TmuxAgent.Config;

/// <summary>Reads the <c>[[tasks]]</c> entries, including the optional per-phase <c>plan</c> table.</summary>
internal static class TaskConfigReader
{
    /// <summary>How the error for a tmux session two tasks share starts (<c>plan check</c> reports it as a finding instead).</summary>
    public const string SharedSessionMessage = "tmux session";

    public static IReadOnlyList<TaskConfig> ReadAll(IReadOnlyList<TomlSection> sections, OrchestratorConfig config)
    {
        var tasks = new List<TaskConfig>();
        var seen = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        var sessions = new Dictionary<string, (string Branch, SourceLocation At)>(StringComparer.Ordinal);
        foreach (var s in sections)
        {
            var task = Read(s, config);
            if (task is null) continue;
            if (seen.TryGetValue(task.Branch, out var first))
            {
                s.Error("branch", s.LocationOf("branch"), $"branch \"{task.Branch}\" is already a task at line {first.Line}");
                continue;
            }
            seen[task.Branch] = s.LocationOf("branch");
            var at = s.Has("session") ? s.LocationOf("session") : s.LocationOf("branch");
            if (sessions.TryGetValue(task.SessionName, out var other))
            {
                // two branches typing into one pane would interleave their commands and approvals
                // two branches typing into one pane would interleave their commands and approvals (kept in the list for plan check)
                s.Error(s.Has("session") ? "session" : "branch", at, $"{SharedSessionMessage} \"{task.SessionName}\" of {task.Branch} is already the session of "
                    + $"{other.Branch} ({other.At.File}:{other.At.Line}); give one of them another session");
            }
            else sessions[task.SessionName] = (task.Branch, at);
            tasks.Add(task);
        }
        foreach (var (task, s) in tasks.Select(t => (t, sections.First(x => x.Table.Location == t.Location))))
            foreach (var dep in task.DependsOn.Where(d => d == task.Branch || !seen.ContainsKey(d)))
                s.Warning("depends_on", s.LocationOf("depends_on"), dep == task.Branch
                    ? "a branch cannot depend on itself; it would stay blocked"
                    : $"\"{dep}\" is not a task in this file; {task.Branch} stays blocked until it is");
        return tasks;
    }

    private static TaskConfig? Read(TomlSection s, OrchestratorConfig config)
    {
        var branch = s.String("branch", "");
        var phases = s.StringList("phases");
        var task = new TaskConfig
        {
            Branch = branch,
            Title = s.OptionalString("title"),
            Phases = phases.Count > 0 ? phases : [config.DefaultPhase, config.CompletionPhase],
            DependsOn = s.StringList("depends_on"),
            Responsible = s.OptionalString("responsible"),
            Tags = s.StringList("tags"),
            Session = s.OptionalString("session"),
            InputMode = OrchestratorConfigLoader.OneOf(s, "input_mode", InputModes.Shell, [InputModes.Shell, InputModes.CodexDialogue]),
            Agent = ReadAgent(s, config),
            Plan = ReadPlan(s.Section("plan")),
            Location = s.Table.Location,
            KeyLocations = s.Table.Entries.ToDictionary(e => e.Key, e => e.Value.KeyLocation),
        };
        s.WarnUnknownKeys();
        if (string.IsNullOrWhiteSpace(branch))
        {
            s.Error("branch", s.Table.Location, "expected a branch name, got nothing");
            return null;
        }
        return task;
    }

    private static string? ReadAgent(TomlSection s, OrchestratorConfig config)
    {
        if (s.OptionalString("agent") is not { } agent) return null;
        var known = AgentProfileConfig.BuiltIn.Concat(config.Agents.Select(a => a.Name)).Append(AgentProfileConfig.Shell).Distinct().ToList();
        if (known.Contains(agent)) return agent;
        s.Error("agent", s.LocationOf("agent"), $"expected one of {string.Join(", ", known.Select(k => '"' + k + '"'))} (built-in or [agents.NAME]), got \"{agent}\"");
        return null;
    }

    private static Dictionary<string, IReadOnlyList<CommandSpec>> ReadPlan(TomlSection? plan)
    {
        var result = new Dictionary<string, IReadOnlyList<CommandSpec>>(StringComparer.Ordinal);
        if (plan is null) return result;
        foreach (var (phase, entry) in plan.Table.Entries)
        {
            plan.Known(phase);
            if (entry.Value is not TomlArrayNode arr)
            {
                plan.Error(phase, entry.Value.Location, $"expected an array of commands, got {entry.Value.SourceText}");
                continue;
            }
            result[phase] = arr.Items.Select(i => ReadCommand(plan, phase, i)).OfType<CommandSpec>().ToList();
        }
        return result;
    }

    private static CommandSpec? ReadCommand(TomlSection plan, string phase, TomlNode node)
    {
        var spec = ReadSpec(plan, phase, node);
        if (spec is not null && CommandRules.Problem(spec, 0) is { } problem)
            plan.Error(phase, node.Location, problem.Replace("commands[0].", "", StringComparison.Ordinal));
        return spec;
    }

    private static CommandSpec? ReadSpec(TomlSection plan, string phase, TomlNode node)
    {
        if (node is TomlScalar { Value: string text }) return CommandSpec.Of(text);
        if (node is not TomlTableNode t)
        {
            plan.Error(phase, node.Location, $"expected a command (a string or {{ text = … }}), got {node.SourceText}");
            return null;
        }
        var s = plan.Child(t, phase);
        var spec = new CommandSpec(
            s.OptionalString("text"), s.StringList("keys"), s.Bool("enter", true), s.String("risk_level", "low"),
            OrchestratorConfigLoader.OneOf(s, "input_mode", InputModes.Shell, [InputModes.Shell, InputModes.CodexDialogue]),
            s.OptionalString("cwd"), s.OptionalString("notes"));
        s.WarnUnknownKeys();
        if (spec.Text is null && spec.Keys.Count == 0) plan.Error(phase, node.Location, "a command needs text or keys");
        return spec;
    }
}
