using TmuxAgent.Config;

namespace TmuxAgent.Host.Plan.Check;

/// <summary>
/// What <c>plan check</c> reads: the configuration as the host's loader reads it, plus its syntax tree for what the
/// loader normalises away (duplicate branches, <c>phases = []</c>).
/// </summary>
/// <param name="Config">The configuration (its tasks without duplicates).</param>
/// <param name="Root">The file's TOML tree.</param>
/// <param name="Warnings">The loader's warnings (unknown keys, …).</param>
public sealed record PlanSource(OrchestratorConfig Config, TomlTableNode Root, IReadOnlyList<ConfigDiagnostic> Warnings)
{
    /// <summary>Every <c>[[tasks]]</c> table as written, duplicates included.</summary>
    public IReadOnlyList<TomlTableNode> RawTasks => TasksOf(Root);

    /// <summary>The <c>[[tasks]]</c> tables of a TOML tree, as written.</summary>
    public static IReadOnlyList<TomlTableNode> TasksOf(TomlTableNode root) =>
        root["tasks"]?.Value is TomlArrayNode arr ? arr.Items.OfType<TomlTableNode>().ToList() : [];

    /// <summary>The <c>branch</c> value of a raw task table, with where it is written.</summary>
    public static (string Branch, SourceLocation Location)? BranchOf(TomlTableNode task) =>
        task["branch"]?.Value is TomlScalar { Value: string b } v && b.Length > 0 ? (b, v.Location) : null;
}
