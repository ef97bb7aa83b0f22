using TmuxAgent.Config;
using TmuxAgent.Host.Config;

namespace TmuxAgent.Host.Agents;

/// <summary>The agent profiles in force: the built-in ones with any <c>[agents.NAME]</c> overrides, then the user's new ones.
/// Picks a pane's profile: the task's <c>agent</c> when set (<c>shell</c>: none), else the first profile listing the pane's
/// foreground program.</summary>
public sealed class AgentProfiles
{
    private readonly Dictionary<string, AgentProfile> _byName = new(StringComparer.Ordinal);

    /// <summary>The built-ins with <paramref name="configured"/> applied.</summary>
    public AgentProfiles(IEnumerable<AgentProfileConfig> configured)
    {
        foreach (var p in BuiltInAgentProfiles.All) _byName[p.Name] = p;
        foreach (var c in configured)
            _byName[c.Name] = _byName.TryGetValue(c.Name, out var builtIn)
                ? builtIn.With(c)
                : AgentProfile.Of(c.Name, c.Programs ?? [], c.Busy!, c.Idle!, c.Error, c.Submit ?? SubmitMethods.Paste, c.Pause ?? 0.2);
    }

    /// <summary>Every profile, built-in first.</summary>
    public IEnumerable<AgentProfile> All => _byName.Values;

    /// <summary>The profile named <paramref name="name"/>, or null.</summary>
    public AgentProfile? this[string name] => _byName.GetValueOrDefault(name);

    /// <summary>The profile of a pane: <paramref name="taskAgent"/> (a task's <c>agent</c>) wins; <c>shell</c> means none;
    /// otherwise the profile whose programs include <paramref name="foregroundProgram"/>, or none (a shell or another program).</summary>
    public AgentProfile? For(string? taskAgent, string foregroundProgram)
    {
        if (taskAgent == AgentProfileConfig.Shell) return null;
        if (taskAgent is not null) return this[taskAgent];
        var program = Path.GetFileName(foregroundProgram.Trim());
        return _byName.Values.FirstOrDefault(p => p.Programs.Contains(program, StringComparer.Ordinal));
    }
}
