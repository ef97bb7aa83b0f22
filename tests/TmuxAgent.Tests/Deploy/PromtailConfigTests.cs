namespace TmuxAgent.Tests.Deploy;

/// <summary>deploy/loki/promtail.yml ships the audit log labelled by branch and event (no promtail binary here: structure only).</summary>
public class PromtailConfigTests
{
    private static Dictionary<object, object> Job() =>
        Yaml.Load("deploy/loki/promtail.yml").List("scrape_configs").Maps().Single(j => j.Str("job_name") == "tmuxagent-audit");

    [Test]
    public void Tails_only_the_live_audit_log()
    {
        var path = Job().List("static_configs").Maps().Single().Map("labels").Str("__path__");
        path.Should().EndWith("/.tmuxagent/logs/orchestrator-actions.jsonl", "rotated files are not tailed again");
    }

    [Test]
    public void Labels_lines_by_branch_and_event_from_the_json_and_takes_the_time_from_ts()
    {
        var stages = Job().List("pipeline_stages").Maps().ToList();
        var json = stages.Single(s => s.ContainsKey("json")).Map("json").Map("expressions");
        json.Keys.Should().Contain(["branch", "event", "ts"]);
        var labels = stages.Single(s => s.ContainsKey("labels")).Map("labels");
        labels.Keys.Cast<string>().Should().BeEquivalentTo(["branch", "event"], "seq and id would be unbounded labels");
        var timestamp = stages.Single(s => s.ContainsKey("timestamp")).Map("timestamp");
        timestamp.Str("source").Should().Be("ts");
        timestamp.Str("format").Should().Be("Unix");
        stages.FindIndex(s => s.ContainsKey("json")).Should().BeLessThan(stages.FindIndex(s => s.ContainsKey("labels")));
    }
}
