using System.Globalization;
using TmuxAgent.Config;
using YamlDotNet.RepresentationModel;

namespace TmuxAgent.Host.Plan.Scenarios;

/// <summary>
/// Typed reads from one YAML mapping of a scenario file. Every problem is an error naming file, line, column and
/// field (e.g. <c>scenarios[2].steps[3].expect.dispatched</c>); unknown keys are errors too, so a misspelt
/// expectation can never pass silently.
/// </summary>
internal sealed class YamlMap(YamlMappingNode node, string field, string file, List<ConfigDiagnostic> errors)
{
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public YamlMappingNode Node { get; } = node;
    public string File { get; } = file;
    public SourceLocation Location => At(Node);
    public IEnumerable<string> Keys => Node.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "");

    public string Field(string key) => key.Length == 0 ? field : field.Length == 0 ? key : $"{field}.{key}";
    public bool Has(string key) => Keys.Contains(key);

    public YamlNode? Get(string key)
    {
        _read.Add(key);
        return Node.Children.FirstOrDefault(c => c.Key is YamlScalarNode k && k.Value == key).Value;
    }

    public SourceLocation At(YamlNode n) => new(File, (int)n.Start.Line, (int)n.Start.Column);

    public void Error(string key, YamlNode at, string message) => errors.Add(new ConfigDiagnostic(At(at), Field(key), message, true));

    public string? String(string key) => Get(key) switch
    {
        null => null,
        YamlScalarNode { Value: { } v } => v,
        var n => Fail<string?>(key, n, "a string", null),
    };

    public string? RequiredString(string key)
    {
        if (!Has(key)) { errors.Add(new ConfigDiagnostic(Location, Field(key), "missing", true)); return null; }
        var s = String(key);
        if (s is { Length: 0 }) Error(key, Get(key)!, "expected a non-empty string");
        return s is { Length: > 0 } ? s : null;
    }

    public double? Number(string key) => Get(key) switch
    {
        null => null,
        YamlScalarNode { Style: not (YamlDotNet.Core.ScalarStyle.SingleQuoted or YamlDotNet.Core.ScalarStyle.DoubleQuoted) } s
            when double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        var n => Fail<double?>(key, n, "a number", null),
    };

    public int? Int(string key) => Get(key) switch
    {
        null => null,
        YamlScalarNode s when int.TryParse(s.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) => i,
        var n => Fail<int?>(key, n, "an integer", null),
    };

    public bool? Bool(string key) => Get(key) switch
    {
        null => null,
        YamlScalarNode { Value: "true" or "True" or "TRUE" } => true,
        YamlScalarNode { Value: "false" or "False" or "FALSE" } => false,
        var n => Fail<bool?>(key, n, "true or false", null),
    };

    /// <summary>A list of strings; a single string counts as a list of one.</summary>
    public IReadOnlyList<string>? Strings(string key)
    {
        var node = Get(key);
        if (node is null) return null;
        if (node is YamlScalarNode { Value: { } one }) return [one];
        if (node is not YamlSequenceNode seq) return Fail<IReadOnlyList<string>?>(key, node, "a list of strings", null);
        var result = new List<string>();
        foreach (var item in seq.Children)
            if (item is YamlScalarNode { Value: { } v }) result.Add(v);
            else Fail<string?>(key, item, "a string", null);
        return result;
    }

    public IReadOnlyList<YamlNode>? List(string key) => Get(key) switch
    {
        null => null,
        YamlSequenceNode seq => seq.Children.ToList(),
        var n => Fail<IReadOnlyList<YamlNode>?>(key, n, "a list", null),
    };

    public YamlMap? Map(string key) => Get(key) switch
    {
        null => null,
        YamlMappingNode m => new YamlMap(m, Field(key), File, errors),
        var n => Fail<YamlMap?>(key, n, "a mapping", null),
    };

    /// <summary>A mapping inside a list under <paramref name="key"/>, at <paramref name="index"/>.</summary>
    public YamlMap? Item(string key, int index, YamlNode item) => item is YamlMappingNode m
        ? new YamlMap(m, $"{Field(key)}[{index}]", File, errors)
        : Fail<YamlMap?>(key, item, "a mapping", null);

    /// <summary>Errors for every key never read.</summary>
    public void RejectUnknownKeys(string hint)
    {
        foreach (var (k, _) in Node.Children)
            if (k is YamlScalarNode { Value: { } name } && !_read.Contains(name))
                errors.Add(new ConfigDiagnostic(At(k), Field(name), $"unknown key (expected {hint})", true));
    }

    public T Fail<T>(string key, YamlNode got, string expected, T fallback)
    {
        var shown = got switch { YamlScalarNode s => $"\"{s.Value}\"", YamlSequenceNode => "a list", _ => "a mapping" };
        errors.Add(new ConfigDiagnostic(At(got), Field(key), $"expected {expected}, got {shown}", true));
        return fallback;
    }
}
