using TmuxAgent.Config;

namespace TmuxAgent.Host.Config;

/// <summary>Both configuration files loaded together, with all warnings and missing referenced files.</summary>
public sealed record LoadedConfiguration(
    OrchestratorConfig Orchestrator,
    AgentConfig Agent,
    IReadOnlyList<ConfigDiagnostic> Warnings,
    IReadOnlyList<ConfigDiagnostic> MissingFiles)
{
    /// <summary>Loads <paramref name="orchestratorPath"/> and (optionally) <paramref name="agentPath"/>.</summary>
    /// <exception cref="ConfigException">Either file is unusable (errors of both files are collected).</exception>
    public static LoadedConfiguration Load(string orchestratorPath, string? agentPath)
    {
        ConfigLoad<OrchestratorConfig>? orchestrator = null;
        ConfigLoad<AgentConfig>? agent = null;
        var errors = new List<ConfigDiagnostic>();
        var warnings = new List<ConfigDiagnostic>();
        try { agent = AgentConfigLoader.Load(agentPath); }
        catch (ConfigException e) { errors.AddRange(e.Errors); warnings.AddRange(e.Warnings); }
        try { orchestrator = OrchestratorConfigLoader.Load(orchestratorPath); }
        catch (ConfigException e) { errors.AddRange(e.Errors); warnings.AddRange(e.Warnings); }
        if (errors.Count > 0) throw new ConfigException(errors, warnings);
        return new LoadedConfiguration(orchestrator!.Config, agent!.Config,
            [.. agent.Warnings, .. orchestrator.Warnings], [.. orchestrator.MissingFiles]);
    }
}
