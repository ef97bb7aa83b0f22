namespace TmuxAgent.Tests.Web.Dashboard;

/// <summary>What the dashboard's code can never do, checked on its source: its pages insert no HTML, and nothing under
/// Web/ can type into a pane (the pane section only captures).</summary>
public class DashboardSourceScanTests
{
    private static IEnumerable<string> Files(string folder, string pattern) =>
        Directory.EnumerateFiles(Path.Combine(RepoRoot.Path, "src", "TmuxAgent.Host", "Web", folder), pattern, SearchOption.AllDirectories);

    [Test]
    public void The_pages_scripts_never_insert_HTML()
    {
        var scripts = Files("Assets", "*.js").ToList();

        scripts.Should().Contain(f => f.EndsWith("branch.js")).And.Contain(f => f.EndsWith("dashboard.js"));
        foreach (var file in scripts)
            File.ReadAllText(file).Should().NotContainAny(["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"], file);
    }

    [Test]
    public void Nothing_in_the_web_surfaces_can_type_into_a_pane()
    {
        foreach (var file in Files("", "*.cs"))
            File.ReadAllText(file).Should().NotContainAny(["send-keys", "paste-buffer", "load-buffer", "PaneTyper", "ICommandDelivery", "AgentTyper"], file);
    }
}
