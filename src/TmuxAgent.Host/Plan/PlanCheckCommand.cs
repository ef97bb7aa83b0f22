using TmuxAgent.Host.Config;
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
            return PlanExitCodes.BadInput;
        }
        foreach (var w in source.Warnings) error.WriteLine($"warning: {w}");
        var findings = PlanChecker.Check(source);
        foreach (var f in findings) output.WriteLine(f);
        var tasks = source.RawTasks.Count;
        output.WriteLine(findings.Count == 0
            ? $"plan check: {configPath}: {tasks} task(s), no findings"
            : $"plan check: {configPath}: {tasks} task(s), {findings.Count} finding(s)");
        return findings.Count == 0 ? PlanExitCodes.Ok : PlanExitCodes.Failed;
    }
}

/// <summary>Exit codes of <c>plan check</c> and <c>plan test</c>.</summary>
public static class PlanExitCodes
{
    /// <summary>Clean plan, or every scenario passed.</summary>
    public const int Ok = 0;
    /// <summary>Findings, or a scenario failed.</summary>
    public const int Failed = 1;
    /// <summary>Unreadable configuration or scenario file (file, line and field named on stderr).</summary>
    public const int BadInput = 2;
}
