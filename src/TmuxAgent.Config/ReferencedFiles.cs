namespace TmuxAgent.Config;

/// <summary>Files the configuration names that must exist: prompt templates and the decision command.</summary>
public static class ReferencedFiles
{
    /// <summary>One finding per missing prompt template, and for a decision command not found (when a task needs it).</summary>
    public static IReadOnlyList<ConfigDiagnostic> Missing(OrchestratorConfig config)
    {
        var missing = new List<ConfigDiagnostic>();
        foreach (var (key, r) in config.Prompts.All().Concat(config.PhasePrompts.Select(p => ($"phase_prompts.{p.Key}", p.Value))))
            if (!File.Exists(r.FullPath)) missing.Add(new ConfigDiagnostic(r.Location, key, $"file not found: {r.FullPath}", true));
        if (config.Tasks.Any(t => !config.UsesPlan(t)) && FindExecutable(config.DecisionCommand.Bin) is null)
            missing.Add(new ConfigDiagnostic(config.DecisionCommand.BinLocation ?? new SourceLocation(config.DisplayPath, 0, 0), "codex.bin",
                $"decision command not found: {config.DecisionCommand.Bin}", true));
        return missing;
    }

    /// <summary>The full path of <paramref name="bin"/> (a path, or a name looked up on PATH), or null.</summary>
    public static string? FindExecutable(string bin)
    {
        if (bin.Contains('/')) return File.Exists(bin) ? Path.GetFullPath(bin) : null;
        var paths = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
        return paths.Select(p => Path.Combine(p, bin)).FirstOrDefault(File.Exists);
    }
}
