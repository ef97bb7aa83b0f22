using System.Text.RegularExpressions;
using TmuxAgent.Host.Metrics;

namespace TmuxAgent.Tests.Deploy;

/// <summary>docs/monitoring.md and docs/zh/monitoring.md: the metrics, links and deploy commands they name are real.</summary>
public class MonitoringDocsTests
{
    public static readonly string[] Guides = ["docs/monitoring.md", "docs/zh/monitoring.md"];

    [TestCaseSource(nameof(Guides))]
    public void Every_metric_is_documented(string guide)
    {
        var text = RepoFiles.Read(guide);
        foreach (var name in MetricNames.All.Concat(MetricNames.Additions)) text.Should().Contain($"`{name}`", guide);
    }

    [TestCaseSource(nameof(Guides))]
    public void Every_link_inside_the_guide_has_its_anchor(string guide)
    {
        var text = RepoFiles.Read(guide);
        var anchors = Regex.Matches(text, @"<a id=""([^""]+)""></a>").Select(m => m.Groups[1].Value).ToHashSet();
        foreach (Match link in Regex.Matches(text, @"\]\(#([^)]+)\)")) anchors.Should().Contain(link.Groups[1].Value, guide);
    }

    [Test]
    public void Both_guides_have_the_same_sections()
    {
        static List<string> Anchors(string guide) =>
            [.. Regex.Matches(RepoFiles.Read(guide), @"<a id=""([^""]+)""></a>").Select(m => m.Groups[1].Value)];
        Anchors(Guides[1]).Should().Equal(Anchors(Guides[0]));
    }

    [TestCaseSource(nameof(Guides))]
    public void Every_deploy_file_named_exists(string guide)
    {
        foreach (Match m in Regex.Matches(RepoFiles.Read(guide), @"deploy/[a-z]+/[A-Za-z0-9_.\-]+"))
            File.Exists(RepoFiles.PathOf(m.Value)).Should().BeTrue($"{guide} names {m.Value}");
    }

    /// <summary>The guide's own amtool and promtool commands, run as written from the repository root.</summary>
    [Test]
    [Category("promtool")]
    [Category("amtool")]
    public async Task The_guide_s_check_commands_run_as_written()
    {
        var commands = Regex.Matches(RepoFiles.Read(Guides[0]), @"^(amtool .+|\(cd deploy/prometheus && promtool .+\))$", RegexOptions.Multiline)
            .Select(m => m.Value).ToList();
        commands.Should().HaveCountGreaterThanOrEqualTo(3);
        foreach (var line in commands)
        {
            var command = line.Split("   #")[0].Trim();
            var r = await ExternalProgram.RunAsync("/bin/bash", ["-c", command]);
            r.ExitCode.Should().Be(0, $"{command}: {r.Output}");
            if (line.Contains("   # ")) r.StdOut.Should().Contain(line.Split("   # ")[1].Trim(), command);
        }
    }
}
