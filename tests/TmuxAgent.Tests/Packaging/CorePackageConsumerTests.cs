using System.IO.Compression;
using System.Xml.Linq;
using TmuxAgent.Tests.Deploy;
using TempDir = TmuxAgent.Tests.Host.TempDir;

namespace TmuxAgent.Tests.Packaging;

/// <summary>
/// The TmuxAgent.Core package as a tool that unit-tests its task plan gets it: packed to a local folder feed, without a
/// PostgreSQL driver among its dependencies, and referenced (alone) by a tiny program that runs a task-plan scenario.
/// </summary>
[Category("packaging")]
public class CorePackageConsumerTests
{
    private const string Scenario = """
        using TmuxAgent.Core.Branches;
        using TmuxAgent.Core.Tasks;
        using TmuxAgent.Core.Testing;

        try
        {
            var plan = new PlanScenario([
                new TaskPlan("app/schema", "Schema", ["planning", "done"], []),
                new TaskPlan("app/api", "API", ["planning", "done"], ["app/schema"]),
            ]);
            plan.Cycle("app/api").Then(Expect.BlockedBy("app/schema"));
            plan.Decision("app/schema", new Decision("migrated", [], Phase: "done")).Then(Expect.Phase("done"));
            plan.Cycle("app/api").Then(Expect.Unblocked(), args.Contains("wrong") ? Expect.BlockedBy("app/schema") : Expect.DecisionRequested());
            Console.WriteLine("scenario passed");
            return 0;
        }
        catch (ScenarioExpectationException e)
        {
            Console.WriteLine("scenario failed: " + e.Message);
            return 1;
        }
        """;

    [Test]
    public async Task The_core_package_has_no_postgres_driver_and_a_project_referencing_only_it_runs_a_task_plan_scenario()
    {
        using var dir = new TempDir();
        var dotnet = ExternalProgram.Require("dotnet", "dotnet-sdk-10.0");
        var version = "0.1.0-consumer" + Guid.NewGuid().ToString("N")[..8];   // never a stale copy from the NuGet cache
        var feed = dir["feed"];
        var pack = await ExternalProgram.RunAsync(dotnet, ["pack", RepoFiles.PathOf("src/TmuxAgent.Core/TmuxAgent.Core.csproj"), "-c", "Release",
            "-o", feed, $"-p:PackageVersion={version}"], timeout: TimeSpan.FromMinutes(10));
        pack.ExitCode.Should().Be(0, pack.Output);

        var dependencies = NuspecDependencies(Path.Combine(feed, $"TmuxAgent.Core.{version}.nupkg"));
        dependencies.Should().Contain(["Microsoft.Data.Sqlite", "Dapper"]);
        dependencies.Should().NotContain(d => d.StartsWith("Npgsql", StringComparison.OrdinalIgnoreCase), "a tool testing its task plan needs no PostgreSQL driver");

        var consumer = dir["consumer"];
        Directory.CreateDirectory(consumer);
        File.WriteAllText(Path.Combine(consumer, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <RestoreSources>{feed}</RestoreSources>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="TmuxAgent.Core" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(consumer, "Program.cs"), Scenario);

        var passing = await ExternalProgram.RunAsync(dotnet, ["run", "-c", "Release"], consumer, timeout: TimeSpan.FromMinutes(10));
        passing.ExitCode.Should().Be(0, passing.Output);
        passing.StdOut.Should().Contain("scenario passed");
        File.ReadAllText(Path.Combine(consumer, "obj", "project.assets.json")).Should().NotContain("Npgsql", "nothing brings a PostgreSQL driver in");

        var failing = await ExternalProgram.RunAsync(dotnet, ["run", "-c", "Release", "--no-build", "--", "wrong"], consumer, timeout: TimeSpan.FromMinutes(5));
        failing.ExitCode.Should().Be(1, "an unmet expectation fails the scenario: " + failing.Output);
        failing.StdOut.Should().Contain("scenario failed").And.Contain("app/schema");
    }

    private static List<string> NuspecDependencies(string nupkg)
    {
        using var zip = ZipFile.OpenRead(nupkg);
        var entry = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = entry.Open();
        return XDocument.Load(stream).Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => e.Attribute("id")!.Value).Distinct().ToList();
    }
}
