using TmuxAgent.Host.Cli;
using TmuxAgent.Config;
using TmuxAgent.Host.Plan.Run;
using TmuxAgent.Host.Plan.Scenarios;

namespace TmuxAgent.Host.Plan;

/// <summary><c>plan test</c>: runs a scenario file against the tasks and policy of orchestrator.toml.
/// Exit 0 all pass, 1 a scenario failed, 2 bad scenario file or configuration.</summary>
public static class PlanTestCommand
{
    /// <summary>The configuration used when neither the option nor the scenario file names one.</summary>
    public const string DefaultConfig = ".tmuxagent/orchestrator.toml";

    /// <summary>Runs <paramref name="scenarioPath"/>. <paramref name="configPath"/> null: the file's <c>orchestrator_config</c>, else <see cref="DefaultConfig"/>.</summary>
    public static int Execute(string scenarioPath, string? configPath, string? junitPath, TextWriter output, TextWriter error)
    {
        ScenarioFile file;
        OrchestratorConfig config;
        try
        {
            file = ScenarioFileLoader.Load(scenarioPath);
            var path = configPath ?? file.OrchestratorConfig ?? DefaultConfig;
            config = OrchestratorConfigLoader.Load(path).Config;
            var unknown = ScenarioRunner.UnknownBranches(file, config);
            if (unknown.Count > 0) throw new ConfigException(unknown);
        }
        catch (ConfigException e)
        {
            foreach (var d in e.Errors) error.WriteLine($"error: {d}");
            error.WriteLine($"plan test: cannot run {scenarioPath}");
            return ExitCodes.BadConfig;
        }

        output.WriteLine($"plan test: {file.DisplayPath} against {config.DisplayPath} ({config.Tasks.Count} task(s))");
        var results = ScenarioRunner.Run(file, config);
        foreach (var r in results)
        {
            output.WriteLine($"  {(r.Passed ? "PASS" : "FAIL")}  {r.Scenario.Name} ({r.StepsRun}/{r.Scenario.Steps.Count} steps)");
            if (r.Failure is { } f)
                foreach (var line in f.Describe().Split('\n')) output.WriteLine("        " + line.TrimEnd('\r'));
        }
        var failed = results.Count(r => !r.Passed);
        output.WriteLine($"{results.Count} scenario(s): {results.Count - failed} passed, {failed} failed");
        if (junitPath is not null)
        {
            JUnitWriter.Write(junitPath, Path.GetFileNameWithoutExtension(file.DisplayPath), results);
            output.WriteLine($"JUnit report: {junitPath}");
        }
        return failed == 0 ? ExitCodes.Ok : ExitCodes.Failed;
    }
}
