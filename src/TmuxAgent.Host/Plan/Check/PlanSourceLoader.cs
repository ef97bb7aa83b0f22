using TmuxAgent.Config;

namespace TmuxAgent.Host.Plan.Check;

/// <summary>Loads a <see cref="PlanSource"/> with <see cref="OrchestratorConfigLoader"/>. Duplicate branches and shared tmux
/// sessions are findings of <c>plan check</c>, not load errors: when they are the only errors, the tasks are read past them.</summary>
public static class PlanSourceLoader
{
    /// <summary>Loads <paramref name="path"/>.</summary>
    /// <exception cref="ConfigException">The file is missing or unreadable for any reason but duplicate branches.</exception>
    public static PlanSource Load(string path)
    {
        var full = Path.GetFullPath(ConfigPaths.ExpandHome(path));
        if (!File.Exists(full)) throw ConfigException.At(new SourceLocation(path, 0, 0), "", "file not found");
        return Parse(File.ReadAllText(full), path, full);
    }

    /// <summary>Parses <paramref name="text"/> as if read from <paramref name="fullPath"/>.</summary>
    public static PlanSource Parse(string text, string displayPath, string fullPath)
    {
        var root = TomlTree.Parse(text, displayPath);
        try
        {
            var load = OrchestratorConfigLoader.Parse(text, displayPath, fullPath);
            return new PlanSource(load.Config, root, load.Warnings);
        }
        catch (ConfigException e)
        {
            var duplicates = DuplicateBranchLocations(root);
            if (e.Errors.Any(x => !duplicates.Contains(x.Location) && !x.Message.StartsWith(TaskConfigReader.SharedSessionMessage, StringComparison.Ordinal))) throw;
            return ReadPastDuplicates(root, displayPath, fullPath, e.Warnings);
        }
    }

    private static HashSet<SourceLocation> DuplicateBranchLocations(TomlTableNode root)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new HashSet<SourceLocation>();
        foreach (var b in PlanSource.TasksOf(root).Select(PlanSource.BranchOf).OfType<(string Branch, SourceLocation Location)>())
            if (!seen.Add(b.Branch)) result.Add(b.Location);
        return result;
    }

    /// <summary>The host's own task reader over the tree; it keeps the first of each branch.</summary>
    private static PlanSource ReadPastDuplicates(TomlTableNode root, string displayPath, string fullPath, IReadOnlyList<ConfigDiagnostic> warnings)
    {
        var findings = new List<ConfigDiagnostic>();
        var top = new TomlSection(root, "", findings);
        var d = new OrchestratorConfig { SourcePath = fullPath, DisplayPath = displayPath };
        var config = d with
        {
            DefaultPhase = top.String("default_phase", d.DefaultPhase),
            CompletionPhase = top.String("completion_phase", d.CompletionPhase),
        };
        config = config with { Tasks = TaskConfigReader.ReadAll(top.Sections("tasks"), config) };
        return new PlanSource(config, root, warnings);
    }
}
