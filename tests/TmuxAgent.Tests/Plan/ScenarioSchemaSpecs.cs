using System.Text.Json;
using TmuxAgent.Core.Serialization;
using TmuxAgent.Host.Plan.Scenarios;

namespace TmuxAgent.Tests.Plan;

/// <summary>docs/schemas/plan-scenarios.schema.json says what the loader accepts: same actions, keys, expectations and policy keys.</summary>
public class ScenarioSchemaSpecs
{
    private static readonly JsonElement Defs = JsonDocument.Parse(
        File.ReadAllText(Path.Combine(RepoRoot.Path, "docs", "schemas", "plan-scenarios.schema.json"))).RootElement.GetProperty("$defs");

    private static IEnumerable<string> Properties(string def) => Defs.GetProperty(def).GetProperty("properties").EnumerateObject().Select(p => p.Name);

    private static IEnumerable<string> Split(string list) => list.Split(", ");

    [Test]
    public void Every_step_action_and_its_keys_are_in_the_schema()
    {
        Defs.GetProperty("step").GetProperty("oneOf").EnumerateArray().Select(r => r.GetProperty("$ref").GetString()!.Split('/')[^1])
            .Should().BeEquivalentTo(StepReader.Actions.Keys);
        foreach (var (action, keys) in StepReader.Actions)
        {
            var expected = keys.Append(action).Concat(action == "advance" ? [] : ["expect"]);
            Properties(action).Should().BeEquivalentTo(expected, $"the schema's {action} step");
        }
    }

    [Test]
    public void Every_expectation_is_in_the_schema()
    {
        Properties("expect").Should().BeEquivalentTo(Split(ExpectationReader.AllKeys));
        Defs.GetProperty("expect").GetProperty("properties").GetProperty("events").GetProperty("items").GetProperty("enum")
            .EnumerateArray().Select(e => e.GetString()).Should().BeEquivalentTo(EventTypes.Names);
    }

    [Test]
    public void Every_policy_override_is_in_the_schema() =>
        Properties("policy").Should().BeEquivalentTo(Split(PolicyOverridesReader.Keys));

    [Test]
    public void Every_command_field_is_in_the_schema() =>
        Defs.GetProperty("command").GetProperty("oneOf")[1].GetProperty("properties").EnumerateObject().Select(p => p.Name)
            .Should().BeEquivalentTo("text", "keys", "enter", "risk", "risk_level", "input_mode", "cwd", "notes", "name");
}
