using System.Text.RegularExpressions;

namespace TmuxAgent.Config;

/// <summary>Reads the <c>[agents.NAME]</c> tables and checks their patterns compile.</summary>
internal static class AgentProfileReader
{
    public static IReadOnlyList<AgentProfileConfig> ReadAll(TomlSection? agents)
    {
        var result = new List<AgentProfileConfig>();
        if (agents is null) return result;
        foreach (var (name, _) in agents.Table.Entries.ToList())
        {
            if (agents.Section(name) is not { } s) continue;
            if (name == AgentProfileConfig.Shell)
            {
                s.Error("", s.Table.Location, "\"shell\" is reserved (a task's agent = \"shell\" means no agent)");
                continue;
            }
            var builtIn = AgentProfileConfig.BuiltIn.Contains(name);
            var profile = new AgentProfileConfig
            {
                Name = name,
                Programs = s.Has("programs") ? s.StringList("programs") : null,
                Busy = Pattern(s, "busy", required: !builtIn),
                Idle = Pattern(s, "idle", required: !builtIn),
                Error = Pattern(s, "error", required: false),
                Submit = s.Has("submit") ? OrchestratorConfigLoader.OneOf(s, "submit", SubmitMethods.Paste, [SubmitMethods.Paste, SubmitMethods.Keys]) : null,
                Pause = s.Has("pause") ? NonNegative(s, "pause") : null,
                Location = s.Table.Location,
            };
            s.WarnUnknownKeys();
            result.Add(profile);
        }
        return result;
    }

    private static string? Pattern(TomlSection s, string key, bool required)
    {
        if (!s.Has(key))
        {
            if (required) s.Error(key, s.Table.Location, "expected a regular expression (a new agent profile needs busy and idle)");
            return null;
        }
        var pattern = s.String(key, "");
        try
        {
            _ = new Regex(pattern, RegexOptions.Multiline, TimeSpan.FromSeconds(1));
            if (pattern.Length > 0) return pattern;
            s.Error(key, s.LocationOf(key), "expected a regular expression, got an empty string (it would match every screen)");
        }
        catch (ArgumentException e) { s.Error(key, s.LocationOf(key), $"not a valid regular expression: {e.Message}"); }
        return null;
    }

    private static double? NonNegative(TomlSection s, string key)
    {
        var v = s.Float(key, 0);
        if (v >= 0) return v;
        s.Error(key, s.LocationOf(key), $"expected a number of seconds >= 0, got {v}");
        return null;
    }
}
