using TmuxAgent.Core.Policy;
using TmuxAgent.Config;

namespace TmuxAgent.Replay.Rerun;

/// <summary>
/// The policy of an <c>orchestrator.toml</c> for <c>rerun</c>, read by the orchestrator's own loader
/// (<see cref="OrchestratorConfigLoader"/>, shared through TmuxAgent.Config) and turned into the policy the
/// orchestrator would run with (<see cref="OrchestratorConfig.ToPolicy"/>): a file the orchestrator rejects is
/// rejected here too, with the same messages naming file, line, column and key:
/// <c>orchestrator.toml:12:24: max_commands_per_cycle: expected an integer, got "two"</c>.
/// </summary>
internal static class PolicyFile
{
    /// <summary>The policy in the file at <paramref name="path"/>, on top of the original's defaults.</summary>
    /// <exception cref="PolicyFileException">The file is missing, not TOML, or a key has the wrong type.</exception>
    public static OrchestratorPolicy Load(string path) => Policy(() => OrchestratorConfigLoader.Load(path));

    /// <summary>The policy in <paramref name="text"/>; <paramref name="path"/> names the file in errors.</summary>
    public static OrchestratorPolicy Parse(string text, string path) =>
        Policy(() => OrchestratorConfigLoader.Parse(text, path, Path.GetFullPath(path)));

    private static OrchestratorPolicy Policy(Func<ConfigLoad<OrchestratorConfig>> load)
    {
        try { return load().Config.ToPolicy(); }
        catch (ConfigException x) { throw new PolicyFileException(x.Message); }
        catch (Exception x) when (x is IOException or UnauthorizedAccessException) { throw new PolicyFileException(x.Message); }
    }
}

/// <summary>A policy file that cannot be used (exit code 2); the message names file, line and key.</summary>
internal sealed class PolicyFileException(string message) : Exception(message);
