using System.Text.Json;
using System.Text.RegularExpressions;

namespace TmuxAgent.Tests.Deploy;

/// <summary>deploy/grafana/orchestrator-dashboard.json, read as Grafana would: panels and their PromQL.</summary>
public static partial class GrafanaDashboard
{
    public const string File = "deploy/grafana/orchestrator-dashboard.json";

    public sealed record PanelQuery(string Panel, string Expr);

    public static JsonDocument Load() => JsonDocument.Parse(RepoFiles.Read(File));

    public static IReadOnlyList<PanelQuery> Queries()
    {
        using var doc = Load();
        return [.. doc.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray()
                .Select(t => new PanelQuery(p.GetProperty("title").GetString()!, t.GetProperty("expr").GetString()!)))];
    }

    /// <summary>The metric names an expression reads (histogram series suffixes stripped to the family name).</summary>
    public static IEnumerable<string> MetricsIn(string expr) =>
        MetricToken().Matches(expr).Select(m => m.Value).Select(n => HistogramSeries().Replace(n, "")).Distinct();

    /// <summary>The expression as Grafana sends it, with its template variables filled in.</summary>
    public static string Interpolate(string expr) =>
        expr.Replace("$__rate_interval", "1m").Replace("$__interval", "15s").Replace("$branch", ".*");

    [GeneratedRegex(@"\borchestrator_[a-z0-9_]+")]
    private static partial Regex MetricToken();

    [GeneratedRegex(@"(?<=^orchestrator_decision_latency_seconds)_(bucket|sum|count)$")]
    private static partial Regex HistogramSeries();
}
