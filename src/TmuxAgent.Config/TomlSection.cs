using System.Globalization;

namespace TmuxAgent.Config;

/// <summary>
/// Typed reads from one TOML table. A wrong type is recorded as an error naming file, line, column and key;
/// keys never read are reported by <see cref="WarnUnknownKeys"/>.
/// </summary>
public sealed class TomlSection(TomlTableNode table, string prefix, List<ConfigDiagnostic> findings)
{
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    /// <summary>The table read.</summary>
    public TomlTableNode Table { get; } = table;

    /// <summary>True when the key is present.</summary>
    public bool Has(string key) => Table[key] is not null;

    /// <summary>Where the key's value is, or the table's location when absent.</summary>
    public SourceLocation LocationOf(string key) => Table[key]?.Value.Location ?? Table.Location;

    /// <summary>The dotted name of <paramref name="key"/> (e.g. <c>codex.timeout</c>).</summary>
    public string Name(string key) => prefix.Length == 0 ? key : $"{prefix}.{key}";

    /// <summary>A float; integers are accepted.</summary>
    public double Float(string key, double fallback) => Read(key, fallback, "a number", v => v switch
    {
        double d => d, long l => (double?)l, _ => null,
    });

    /// <summary>An optional float; integers are accepted.</summary>
    public double? OptionalFloat(string key) => Has(key) ? Float(key, 0) : null;

    /// <summary>An integer.</summary>
    public int Int(string key, int fallback) => Read(key, fallback, "an integer", v => v is long l and >= int.MinValue and <= int.MaxValue ? (int?)l : null);

    /// <summary>An optional integer.</summary>
    public int? OptionalInt(string key) => Has(key) ? Int(key, 0) : null;

    /// <summary>A boolean.</summary>
    public bool Bool(string key, bool fallback) => Read(key, fallback, "a boolean", v => v is bool b ? b : (bool?)null);

    /// <summary>A string.</summary>
    public string String(string key, string fallback) => Read(key, fallback, "a string", v => v as string);

    /// <summary>An optional string.</summary>
    public string? OptionalString(string key) => Has(key) ? String(key, "") : null;

    /// <summary>An array of strings.</summary>
    public IReadOnlyList<string> StringList(string key)
    {
        _read.Add(key);
        var entry = Table[key];
        if (entry is null) return [];
        if (entry.Value is not TomlArrayNode arr) return Fail<IReadOnlyList<string>>(key, entry.Value, "an array of strings", []);
        var result = new List<string>();
        foreach (var item in arr.Items)
        {
            if (item is TomlScalar { Value: string s }) result.Add(s);
            else Fail(key, item, "a string", "");
        }
        return result;
    }

    /// <summary>A table of string values (e.g. <c>[codex] env</c>, <c>[phase_prompts]</c>).</summary>
    public IReadOnlyDictionary<string, string> StringMap(string key)
    {
        var sub = Section(key);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (sub is null) return result;
        foreach (var (k, e) in sub.Table.Entries)
        {
            sub._read.Add(k);
            if (e.Value is TomlScalar { Value: string s }) result[k] = s;
            else if (e.Value is TomlScalar { Value: long or double or bool } sc) result[k] = System.Convert.ToString(sc.Value, CultureInfo.InvariantCulture)!;
            else sub.Fail(k, e.Value, "a string", "");
        }
        return result;
    }

    /// <summary>A sub-table, or null when absent (an error when present but not a table).</summary>
    public TomlSection? Section(string key)
    {
        _read.Add(key);
        var entry = Table[key];
        if (entry is null) return null;
        if (entry.Value is TomlTableNode t) return new TomlSection(t, Name(key), findings);
        return Fail<TomlSection?>(key, entry.Value, "a table", null);
    }

    /// <summary>The tables of an array of tables (<c>[[tasks]]</c>).</summary>
    public IReadOnlyList<TomlSection> Sections(string key)
    {
        _read.Add(key);
        var entry = Table[key];
        if (entry is null) return [];
        if (entry.Value is not TomlArrayNode arr) return Fail<IReadOnlyList<TomlSection>>(key, entry.Value, "an array of tables", []);
        var result = new List<TomlSection>();
        foreach (var item in arr.Items)
        {
            if (item is TomlTableNode t) result.Add(new TomlSection(t, Name(key), findings));
            else Fail(key, item, "a table", 0);
        }
        return result;
    }

    /// <summary>A section over an inline table found under <paramref name="key"/>, sharing this section's findings.</summary>
    public TomlSection Child(TomlTableNode table, string key) => new(table, Name(key), findings);

    /// <summary>Marks a key as known without reading it.</summary>
    public void Known(string key) => _read.Add(key);

    /// <summary>Records an error about <paramref name="key"/>.</summary>
    public void Error(string key, SourceLocation where, string message) => findings.Add(new ConfigDiagnostic(where, Name(key), message, true));

    /// <summary>Records a warning about <paramref name="key"/>.</summary>
    public void Warning(string key, SourceLocation where, string message) => findings.Add(new ConfigDiagnostic(where, Name(key), message, false));

    /// <summary>Warns about every key of this table that was never read.</summary>
    public void WarnUnknownKeys()
    {
        foreach (var (k, e) in Table.Entries.Where(e => !_read.Contains(e.Key)))
            findings.Add(new ConfigDiagnostic(e.KeyLocation, Name(k), "unknown key (ignored)", false));
    }

    private T Read<T>(string key, T fallback, string expected, Func<object, T?> convert) where T : struct
    {
        _read.Add(key);
        var entry = Table[key];
        if (entry is null) return fallback;
        if (entry.Value is TomlScalar s && convert(s.Value) is { } v) return v;
        return Fail(key, entry.Value, expected, fallback);
    }

    private string Read(string key, string fallback, string expected, Func<object, string?> convert)
    {
        _read.Add(key);
        var entry = Table[key];
        if (entry is null) return fallback;
        if (entry.Value is TomlScalar s && convert(s.Value) is { } v) return v;
        return Fail(key, entry.Value, expected, fallback);
    }

    private T Fail<T>(string key, TomlNode got, string expected, T fallback)
    {
        findings.Add(new ConfigDiagnostic(got.Location, Name(key), $"expected {expected}, got {Describe(got)}", true));
        return fallback;
    }

    private static string Describe(TomlNode n) => n switch
    {
        TomlTableNode => "a table",
        TomlArrayNode => "an array",
        _ => n.SourceText,
    };
}
