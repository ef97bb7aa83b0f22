using TmuxAgent.Core.Policy;

namespace TmuxAgent.Config;

/// <summary>
/// <c>[risk]</c>: <c>require_approval</c>, regular expressions that make a command wait for approval whatever its risk
/// label, added to the built-in <see cref="RiskPolicy.DefaultPatterns"/> unless <c>include_defaults = false</c>.
/// A pattern that is not a valid .NET regular expression is an error at its own line and column.
/// </summary>
internal static class RiskConfigReader
{
    public static RiskConfig Read(TomlSection? s)
    {
        var d = new RiskConfig();
        if (s is null) return d;
        var patterns = s.StringList("require_approval");
        var items = (s.Table["require_approval"]?.Value as TomlArrayNode)?.Items ?? [];
        for (var i = 0; i < patterns.Count && i < items.Count; i++)
        {
            if (RiskPolicy.Compile(patterns[i], out var error) is null)
                s.Error("require_approval", items[i].Location, $"not a valid regular expression {items[i].SourceText}: {error}");
        }
        var result = new RiskConfig { RequireApproval = patterns, IncludeDefaults = s.Bool("include_defaults", d.IncludeDefaults) };
        s.WarnUnknownKeys();
        return result;
    }
}

/// <summary><c>[risk]</c> of orchestrator.toml.</summary>
public sealed record RiskConfig
{
    /// <summary><c>require_approval</c>: patterns of this file.</summary>
    public IReadOnlyList<string> RequireApproval { get; init; } = [];

    /// <summary><c>include_defaults</c>: whether the built-in patterns apply as well (default true).</summary>
    public bool IncludeDefaults { get; init; } = true;

    /// <summary>The policy: the built-in patterns (unless turned off), then this file's; an invalid pattern is left out
    /// (the loader has already refused the file).</summary>
    public RiskPolicy ToPolicy() =>
        IncludeDefaults && RequireApproval.Count == 0 ? RiskPolicy.Default
        : new RiskPolicy((IncludeDefaults ? RiskPolicy.DefaultPatterns : []).Concat(RequireApproval).Where(p => RiskPolicy.Compile(p, out _) is not null));
}
