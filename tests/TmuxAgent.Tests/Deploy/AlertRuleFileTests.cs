using System.Text.RegularExpressions;
using TmuxAgent.Host.Metrics;

namespace TmuxAgent.Tests.Deploy;

/// <summary>What the rule file promises beyond syntax: severities, runbooks that exist, tests for every alert.</summary>
public class AlertRuleFileTests
{
    private static readonly List<Dictionary<object, object>> Rules =
        Yaml.Load("deploy/prometheus/orchestrator-rules.yml").List("groups").Maps().SelectMany(g => g.List("rules").Maps()).ToList();

    private static IEnumerable<string> AlertNames() => Rules.Select(r => r.Str("alert")!);

    [Test]
    public void The_guide_s_four_alerts_are_there_with_their_expressions()
    {
        var byName = Rules.ToDictionary(r => r.Str("alert")!);
        byName["OrchestratorQueueBacklog"].Str("expr").Should().Be("orchestrator_queue_size > 3");
        byName["OrchestratorQueueBacklog"].Str("for").Should().Be("5m");
        byName["OrchestratorPendingConfirmation"].Str("expr").Should().Be("orchestrator_pending_confirmation_total > 0");
        byName["OrchestratorPendingConfirmation"].Str("for").Should().Be("10m");
        byName["OrchestratorHeartbeatMissing"].Str("expr").Should().Be("time() - orchestrator_heartbeat_timestamp_seconds > 60");
        byName["OrchestratorDecisionErrors"].Str("expr").Should().Be("increase(orchestrator_decision_errors_total[5m]) > 0");
    }

    [Test]
    public void The_storage_alerts_watch_the_health_gauges()
    {
        var byName = Rules.ToDictionary(r => r.Str("alert")!);
        byName["OrchestratorStoreFailing"].Str("expr").Should().Be("orchestrator_store_healthy == 0");
        byName["OrchestratorStoreFailing"].Str("for").Should().Be("1m");
        byName["OrchestratorStoreFailing"].Map("labels").Str("severity").Should().Be("critical");
        byName["OrchestratorAuditLogFailing"].Str("expr").Should().Be("orchestrator_audit_log_healthy == 0");
        byName["OrchestratorAuditLogFailing"].Str("for").Should().Be("5m");
        byName["OrchestratorAuditLogFailing"].Map("labels").Str("severity").Should().Be("warning");
    }

    [TestCaseSource(nameof(AlertNames))]
    public void Every_alert_has_a_severity_a_summary_and_a_runbook_section_in_both_guides(string alert)
    {
        var rule = Rules.Single(r => r.Str("alert") == alert);
        rule.Map("labels").Str("severity").Should().BeOneOf("warning", "critical");
        rule.Map("annotations").Str("summary").Should().NotBeNullOrWhiteSpace();
        var runbook = rule.Map("annotations").Str("runbook_url");
        runbook.Should().Be($"https://github.com/tmuxagent/tmuxagent/blob/main/docs/monitoring.md#{alert.ToLowerInvariant()}");
        foreach (var doc in new[] { "docs/monitoring.md", "docs/zh/monitoring.md" })
            RepoFiles.Read(doc).Should().Contain($"<a id=\"{alert.ToLowerInvariant()}\"></a>", doc);
    }

    [TestCaseSource(nameof(AlertNames))]
    public void Every_alert_is_unit_tested_firing_and_not_firing(string alert)
    {
        var cases = Yaml.Load("deploy/prometheus/orchestrator-rules.test.yml").List("tests").Maps()
            .SelectMany(t => t.List("alert_rule_test").Maps()).Where(c => c.Str("alertname") == alert).ToList();
        cases.Should().Contain(c => c.List("exp_alerts").Count > 0, "a case where it fires");
        cases.Should().Contain(c => c.List("exp_alerts").Count == 0, "a case where it does not fire");
    }

    [Test]
    public void Rule_expressions_use_only_exported_metrics()
    {
        foreach (var rule in Rules)
            foreach (Match m in Regex.Matches(rule.Str("expr")!, @"\borchestrator_[a-z_]+"))
                MetricNames.All.Concat(MetricNames.Additions).Should().Contain(m.Value, rule.Str("alert"));
    }
}
