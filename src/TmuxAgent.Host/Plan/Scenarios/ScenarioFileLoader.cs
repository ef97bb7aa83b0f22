using TmuxAgent.Host.Config;
using TmuxAgent.Config;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace TmuxAgent.Host.Plan.Scenarios;

/// <summary>Reads a scenario file (YAML, schema <c>docs/schemas/plan-scenarios.schema.json</c>). Every error names file, line, column and field.</summary>
public static class ScenarioFileLoader
{
    /// <summary>Loads <paramref name="path"/>.</summary>
    /// <exception cref="ConfigException">Missing file, YAML syntax error, or a field that is missing, misspelt or of the wrong type.</exception>
    public static ScenarioFile Load(string path)
    {
        var full = Path.GetFullPath(ConfigPaths.ExpandHome(path));
        if (!File.Exists(full)) throw ConfigException.At(new SourceLocation(path, 0, 0), "", "file not found");
        return Parse(File.ReadAllText(full), path, full);
    }

    /// <summary>Parses YAML <paramref name="text"/> as if read from <paramref name="fullPath"/>.</summary>
    public static ScenarioFile Parse(string text, string displayPath, string fullPath)
    {
        var stream = YamlText.Load(text, displayPath);
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode rootNode)
            throw ConfigException.At(new SourceLocation(displayPath, 1, 1), "", "expected a mapping with scenarios:");

        var errors = new List<ConfigDiagnostic>();
        var root = new YamlMap(rootNode, "", displayPath, errors);
        var config = root.String("orchestrator_config") is { Length: > 0 } c
            ? Path.Combine(Path.GetDirectoryName(displayPath) ?? "", ConfigPaths.ExpandHome(c))
            : null;
        var policy = PolicyOverridesReader.Read(root.Map("policy"));
        var scenarios = new List<ScenarioDefinition>();
        var items = root.List("scenarios");
        if (items is null or { Count: 0 }) errors.Add(new ConfigDiagnostic(root.Location, "scenarios", "expected at least one scenario", true));
        for (var i = 0; i < (items?.Count ?? 0); i++)
            if (root.Item("scenarios", i, items![i]) is { } s && ReadScenario(s, Path.GetFileName(displayPath)) is { } scenario)
                scenarios.Add(scenario);
        root.RejectUnknownKeys("orchestrator_config, policy, scenarios");
        foreach (var twice in scenarios.GroupBy(s => s.Name).Where(g => g.Count() > 1).SelectMany(g => g.Skip(1)))
            errors.Add(new ConfigDiagnostic(twice.Location, twice.Field + ".name", $"scenario \"{twice.Name}\" is already defined", true));
        if (errors.Count > 0) throw new ConfigException(errors.OrderBy(e => e.Location.Line).ThenBy(e => e.Location.Column).ToList());
        return new ScenarioFile(displayPath, config, policy, scenarios);
    }

    private static ScenarioDefinition? ReadScenario(YamlMap s, string fileName)
    {
        var name = s.RequiredString("name");
        var description = s.String("description");
        var policy = PolicyOverridesReader.Read(s.Map("policy"));
        var steps = new List<ScriptedStep>();
        var items = s.List("steps");
        if (items is null or { Count: 0 }) s.Error("steps", s.Node, "a scenario needs at least one step");
        for (var i = 0; i < (items?.Count ?? 0); i++)
            if (s.Item("steps", i, items![i]) is { } step && StepReader.Read(step, fileName) is { } read)
                steps.Add(read);
        s.RejectUnknownKeys("name, description, policy, steps");
        return name is null ? null : new ScenarioDefinition(name, description, s.Location, policy, steps) { Field = s.Field("") };
    }
}
