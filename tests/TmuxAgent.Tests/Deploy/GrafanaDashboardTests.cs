using TmuxAgent.Host.Metrics;

namespace TmuxAgent.Tests.Deploy;

public class GrafanaDashboardTests
{
    [Test]
    public void Every_panel_has_a_title_a_unique_id_and_queries()
    {
        using var doc = GrafanaDashboard.Load();
        var panels = doc.RootElement.GetProperty("panels").EnumerateArray().ToList();
        panels.Should().NotBeEmpty();
        panels.Select(p => p.GetProperty("id").GetInt32()).Should().OnlyHaveUniqueItems();
        foreach (var p in panels)
        {
            p.GetProperty("title").GetString().Should().NotBeNullOrWhiteSpace();
            p.GetProperty("targets").GetArrayLength().Should().BePositive(p.GetProperty("title").GetString());
        }
    }

    [Test]
    public void Every_query_reads_metrics_the_orchestrator_exports()
    {
        foreach (var q in GrafanaDashboard.Queries())
        {
            var metrics = GrafanaDashboard.MetricsIn(q.Expr).ToList();
            if (!q.Expr.Contains("up{")) metrics.Should().NotBeEmpty(q.Panel);
            foreach (var m in metrics) MetricNames.All.Should().Contain(m, $"panel \"{q.Panel}\": {q.Expr}");
        }
    }

    [Test]
    public void The_guide_s_views_are_all_there()
    {
        var exprs = GrafanaDashboard.Queries().Select(q => q.Expr).ToList();
        exprs.Should().Contain(e => e.Contains("orchestrator_queue_size"), "queue depth");
        exprs.Should().Contain(e => e.Contains("orchestrator_pending_confirmation_total"), "pending confirmations");
        exprs.Should().Contain(e => e.Contains("time() -") && e.Contains("orchestrator_heartbeat_timestamp_seconds"), "heartbeat age");
        foreach (var q in new[] { "0.5", "0.9", "0.99" })
            exprs.Should().Contain(e => e.StartsWith($"histogram_quantile({q},") && e.Contains("orchestrator_decision_latency_seconds_bucket") && e.Contains("by (le)"), $"p{q} latency");
        exprs.Should().Contain(e => e.Contains("rate(orchestrator_decision_errors_total"), "error rate");
        exprs.Should().Contain(e => e.Contains("by (result)") && e.Contains("orchestrator_commands_total"), "commands by result");
    }

    [Test]
    public void The_branch_variable_used_by_the_queries_is_defined()
    {
        using var doc = GrafanaDashboard.Load();
        var vars = doc.RootElement.GetProperty("templating").GetProperty("list").EnumerateArray()
            .Select(v => v.GetProperty("name").GetString()).ToList();
        vars.Should().Contain(["branch", "DS_PROMETHEUS"]);
        GrafanaDashboard.Queries().Should().Contain(q => q.Expr.Contains("$branch"));
    }
}
