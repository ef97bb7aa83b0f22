using System.Xml.Linq;
using TmuxAgent.Core.Branches;

namespace TmuxAgent.Tests.Packaging;

public class CorePurityTests
{
    private static readonly string[] HostSide = ["Microsoft.AspNetCore", "Prometheus", "Tomlyn", "YamlDotNet", "System.CommandLine", "Spectre"];

    [Test]
    public void Core_references_no_host_side_assembly()
    {
        var refs = typeof(BranchDecider).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        refs.Should().NotContain(r => HostSide.Any(h => r.StartsWith(h, StringComparison.Ordinal)));
    }

    [Test]
    public void Core_package_carries_readme_xml_docs_and_repository_metadata()
    {
        var csproj = XDocument.Load(Path.Combine(RepoRoot.Path, "src", "TmuxAgent.Core", "TmuxAgent.Core.csproj"));
        string? Prop(string name) => csproj.Descendants(name).FirstOrDefault()?.Value;
        Prop("GenerateDocumentationFile").Should().Be("true");
        Prop("PackageReadmeFile").Should().Be("README.md");
        File.Exists(Path.Combine(RepoRoot.Path, "src", "TmuxAgent.Core", "README.md")).Should().BeTrue();
        var props = XDocument.Load(Path.Combine(RepoRoot.Path, "Directory.Build.props"));
        props.Descendants("RepositoryUrl").Single().Value.Should().StartWith("https://");
        csproj.Descendants("PackageReference").Select(p => p.Attribute("Include")!.Value)
            .Should().BeEquivalentTo(["Microsoft.Data.Sqlite", "Dapper", "Dapper.AOT"], "SQLite only (Dapper.AOT: Dapper generated at build time); PostgreSQL is TmuxAgent.Core.Postgres");
    }

    [Test]
    public void Core_never_reads_the_clock()
    {
        var sources = Directory.EnumerateFiles(Path.Combine(RepoRoot.Path, "src", "TmuxAgent.Core"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"));
        foreach (var file in sources)
            File.ReadAllText(file).Should().NotContainAny(["DateTime.Now", "DateTimeOffset.Now", "DateTime.UtcNow", "DateTimeOffset.UtcNow", "new Random("],
                $"{file} is in the pure core");
    }
}
