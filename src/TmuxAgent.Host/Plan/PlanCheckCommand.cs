using TmuxAgent.Host.Cli;
using TmuxAgent.Config;
using TmuxAgent.Host.Plan.Check;

namespace TmuxAgent.Host.Plan;

/// <summary><c>plan check</c>: static checks of <c>[[tasks]]</c>. Exit 0 clean, 1 findings, 2 unreadable configuration.</summary>
public static class PlanCheckCommand
{
    /// <summary>Checks <paramref name="configPath"/>; findings go to <paramref name="output"/>, configuration errors to <paramref name="error"/>.</summary>
    public static int Execute(string configPath, TextWriter output, TextWriter error)
    {
        PlanSource source;
        try { source = PlanSourceLoader.Load(configPath); }
        catch (ConfigException e)
        {
            foreach (var d in e.Errors) error.WriteLine($"error: {d}");
            error.WriteLine($"plan check: cannot read {configPath}");
            return ExitCodes.BadConfig;
        }
        foreach (var w in source.Warnings) error.WriteLine($"warning: {w}");
        var findings = PlanChecker.Check(source);
        foreach (var f in findings) output.WriteLine(f);
        var tasks = source.RawTasks.Count;
        output.WriteLine(findings.Count == 0
            ? $"plan check: {configPath}: {tasks} task(s), no findings"
            : $"plan check: {configPath}: {tasks} task(s), {findings.Count} finding(s)");
        return findings.Count == 0 ? ExitCodes.Ok : ExitCodes.Failed;
    }
}
