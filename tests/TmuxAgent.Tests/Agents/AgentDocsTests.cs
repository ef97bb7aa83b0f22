using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using TmuxAgent.Core.Commands;
using TmuxAgent.Config;
using TmuxAgent.Host.Decisions;

namespace TmuxAgent.Tests.Agents;

/// <summary>docs/agents.md and docs/schemas/decision.schema.json say what the host does.</summary>
public class AgentDocsTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse(
        File.ReadAllText(Path.Combine(RepoRoot.Path, "docs", "schemas", "decision.schema.json"))).RootElement;

    private static JsonElement Command => Schema.GetProperty("properties").GetProperty("commands").GetProperty("items");

    [Test]
    public void An_answer_shaped_by_the_schema_is_a_decision_the_host_reads()
    {
        const string answer = """
            {"summary": "next", "commands": [{"text": "npm test", "keys": [], "enter": true, "risk_level": "low", "input_mode": "shell",
              "cwd": null, "notes": null}], "requires_confirmation": false, "notify": null, "phase": null, "blockers": []}
            """;
        var (decision, kind, message) = DecisionJson.Parse(Encoding.UTF8.GetBytes(answer));
        decision.Should().NotBeNull($"{kind}: {message}");
        decision!.Commands.Single().Should().Be(CommandSpec.Of("npm test"));
        Schema.GetProperty("required").EnumerateArray().Select(e => e.GetString()).Should()
            .BeEquivalentTo(Schema.GetProperty("properties").EnumerateObject().Select(p => p.Name), "strict structured output lists every property");
        Command.GetProperty("required").EnumerateArray().Select(e => e.GetString()).Should()
            .BeEquivalentTo(Command.GetProperty("properties").EnumerateObject().Select(p => p.Name));
    }

    [Test]
    public void The_schema_s_input_modes_are_the_host_s()
        => Command.GetProperty("properties").GetProperty("input_mode").GetProperty("enum").EnumerateArray().Select(e => e.GetString())
            .Should().BeEquivalentTo([InputModes.Shell, InputModes.CodexDialogue]);

    [Test]
    public void The_toml_examples_of_the_guide_load()
    {
        var guide = File.ReadAllText(Path.Combine(RepoRoot.Path, "docs", "agents.md"));
        var examples = Regex.Matches(guide, "```toml\n(.*?)```", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToList();
        var configs = examples.Select(t => OrchestratorConfigLoader.Parse(t, "agents.md", "/tmp/orchestrator.toml").Config).ToList();
        configs.Should().HaveCount(3, "the custom profiles and the two decision commands");
        var bins = examples.Zip(configs).Where(x => x.First.Contains("[codex]", StringComparison.Ordinal)).Select(x => x.Second.DecisionCommand)
            .Select(c => (c.Bin, c.ExtraArgs[0])).ToList();
        bins.Should().Equal(("codex", "exec"), ("claude", "-p"));
    }
}
