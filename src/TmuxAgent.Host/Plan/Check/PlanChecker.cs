using TmuxAgent.Config;

namespace TmuxAgent.Host.Plan.Check;

/// <summary>The static checks of <c>plan check</c> over <c>[[tasks]]</c>; each finding names file, line and branch.</summary>
public static class PlanChecker
{
    /// <summary>All findings, in file order.</summary>
    public static IReadOnlyList<PlanFinding> Check(PlanSource source)
    {
        var findings = new List<PlanFinding>();
        DuplicateBranches(source, findings);
        var tasks = source.Config.Tasks;
        var branches = tasks.Select(t => t.Branch).ToHashSet(StringComparer.Ordinal);
        foreach (var task in tasks)
        {
            UnknownDependencies(task, branches, findings);
            Phases(source, task, findings);
        }
        Cycles(tasks, findings);
        SharedSessions(tasks, findings);
        UnusedPhasePrompts(source.Config, findings);
        return findings.OrderBy(f => f.Location.Line).ThenBy(f => f.Location.Column).ToList();
    }

    private static void DuplicateBranches(PlanSource source, List<PlanFinding> findings)
    {
        var first = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (var b in source.RawTasks.Select(PlanSource.BranchOf).OfType<(string Branch, SourceLocation Location)>())
        {
            if (first.TryGetValue(b.Branch, out var at))
                findings.Add(new(b.Location, b.Branch, PlanRules.DuplicateBranch, $"branch is already a task at line {at.Line}"));
            else first[b.Branch] = b.Location;
        }
    }

    private static void UnknownDependencies(TaskConfig task, HashSet<string> branches, List<PlanFinding> findings)
    {
        foreach (var dep in task.DependsOn.Where(d => !branches.Contains(d)).Distinct())
            findings.Add(new(At(task, "depends_on"), task.Branch, PlanRules.UnknownDependency, $"depends_on \"{dep}\", which no task has"));
    }

    private static void Phases(PlanSource source, TaskConfig task, List<PlanFinding> findings)
    {
        var config = source.Config;
        var raw = source.RawTasks.FirstOrDefault(t => t.Location == task.Location);
        if (raw?["phases"]?.Value is TomlArrayNode { Items.Count: 0 })
        {
            findings.Add(new(At(task, "phases"), task.Branch, PlanRules.EmptyPhase, "phases is empty"));
            return;
        }
        if (task.Phases.Any(string.IsNullOrWhiteSpace))
            findings.Add(new(At(task, "phases"), task.Branch, PlanRules.EmptyPhase, "phases lists an empty phase name"));
        foreach (var twice in task.Phases.GroupBy(p => p).Where(g => g.Count() > 1))
            findings.Add(new(At(task, "phases"), task.Branch, PlanRules.UnknownPhase, $"phase \"{twice.Key}\" is listed {twice.Count()} times"));
        if (!task.Phases.Contains(config.CompletionPhase))
            findings.Add(new(At(task, "phases"), task.Branch, PlanRules.NoCompletionPhase,
                $"phases [{string.Join(", ", task.Phases)}] lack completion_phase \"{config.CompletionPhase}\": the task can never finish"));
        if (!task.Phases.Contains(config.DefaultPhase))
            findings.Add(new(At(task, "phases"), task.Branch, PlanRules.UnknownPhase,
                $"the task starts in default_phase \"{config.DefaultPhase}\", which its phases [{string.Join(", ", task.Phases)}] do not list"));
        foreach (var phase in task.Plan.Keys.Where(p => !task.Phases.Contains(p)))
            findings.Add(new(At(task, "plan"), task.Branch, PlanRules.UnknownPhase, $"plan has commands for phase \"{phase}\", which phases do not list"));
    }

    private static void Cycles(IReadOnlyList<TaskConfig> tasks, List<PlanFinding> findings)
    {
        var byBranch = tasks.ToDictionary(t => t.Branch);
        foreach (var cycle in DependencyCycles.Find(tasks.Select(t => (t.Branch, t.DependsOn)).ToList()))
        {
            var task = byBranch[cycle[0]];
            findings.Add(new(At(task, "depends_on"), task.Branch, PlanRules.Cycle,
                $"dependency cycle: {string.Join(" -> ", cycle)} (none of these can ever start)"));
        }
    }

    private static void SharedSessions(IReadOnlyList<TaskConfig> tasks, List<PlanFinding> findings)
    {
        foreach (var group in tasks.GroupBy(t => t.SessionName).Where(g => g.Count() > 1))
        {
            var first = group.First();
            foreach (var other in group.Skip(1))
                findings.Add(new(At(other, other.Session is null ? "branch" : "session"), other.Branch, PlanRules.SharedSession,
                    $"tmux session \"{group.Key}\" is already claimed by {first.Branch} (line {At(first, "branch").Line})"));
        }
    }

    private static void UnusedPhasePrompts(OrchestratorConfig config, List<PlanFinding> findings)
    {
        var phases = config.Tasks.SelectMany(t => t.Phases).ToHashSet(StringComparer.Ordinal);
        foreach (var (phase, prompt) in config.PhasePrompts.Where(p => !phases.Contains(p.Key)))
            findings.Add(new(prompt.Location, "*", PlanRules.UnknownPhase, $"phase_prompts.{phase}: no task has phase \"{phase}\""));
    }

    private static SourceLocation At(TaskConfig task, string key) => task.KeyLocations.GetValueOrDefault(key, task.Location);
}
