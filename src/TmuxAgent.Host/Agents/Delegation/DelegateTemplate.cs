using TmuxAgent.Config;

namespace TmuxAgent.Host.Agents.Delegation;

/// <summary>
/// <c>delegate_to_codex = true</c>: the template that replaces the command prompt — <c>[prompts] delegate</c>, else
/// <c>command_delegate.md</c> beside the <c>[prompts] command</c> file (as the original looks for it). Without either the
/// command prompt stays; decided commands are recorded as delegate suggestions and never typed either way.
/// </summary>
public static class DelegateTemplate
{
    /// <summary>The file name looked for beside the command prompt.</summary>
    public const string BesideCommand = "command_delegate.md";

    /// <summary>The delegate template's path, or null (delegate mode off, or no template found).</summary>
    public static string? PathFor(OrchestratorConfig config)
    {
        if (!config.DelegateToCodex) return null;
        if (config.Prompts.Delegate is { } d) return d.FullPath;
        if (config.Prompts.Command is not { } command) return null;
        var beside = Path.Combine(Path.GetDirectoryName(command.FullPath) ?? ".", BesideCommand);
        return File.Exists(beside) ? beside : null;
    }
}
