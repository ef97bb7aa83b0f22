using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using TmuxAgent.Config;

namespace TmuxAgent.Host.Config;

/// <summary>Reads <c>agent-config.yaml</c> with positions for every finding.</summary>
public static class AgentConfigLoader
{
    /// <summary>Loads <paramref name="path"/>; null gives the defaults.</summary>
    /// <exception cref="ConfigException">Missing file, syntax error or wrong types.</exception>
    public static ConfigLoad<AgentConfig> Load(string? path)
    {
        if (path is null) return new ConfigLoad<AgentConfig>(new AgentConfig(), [], []);
        var full = Path.GetFullPath(ConfigPaths.ExpandHome(path));
        if (!File.Exists(full)) throw ConfigException.At(new SourceLocation(path, 0, 0), "", "file not found");
        return Parse(File.ReadAllText(full), path, full);
    }

    /// <summary>Parses YAML <paramref name="text"/> as if read from <paramref name="fullPath"/>.</summary>
    public static ConfigLoad<AgentConfig> Parse(string text, string displayPath, string fullPath)
    {
        var stream = YamlText.Load(text, displayPath);
        var findings = new List<ConfigDiagnostic>();
        var baseDir = Path.GetDirectoryName(fullPath)!;
        var d = new AgentConfig { SourcePath = fullPath };
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" }) return new(d, [], []);
        if (stream.Documents[0].RootNode is not YamlMappingNode map)
            throw ConfigException.At(Loc(displayPath, stream.Documents[0].RootNode), "", "expected a mapping at the top level");

        var root = new YamlSection(map, "", displayPath, findings);
        var config = d with
        {
            PollIntervalMs = root.Int("poll_interval_ms", d.PollIntervalMs),
            TmuxBin = ConfigPaths.ExpandHome(root.String("tmux_bin", d.TmuxBin)),
            SqlitePath = root.Has("sqlite_path") ? ConfigPaths.Resolve(root.String("sqlite_path", ""), baseDir) : d.SqlitePath,
            ApprovalDir = root.OptionalString("approval_dir") is { } a ? ConfigPaths.Resolve(a, baseDir) : null,
            BusDir = root.Has("bus_dir") ? ConfigPaths.Resolve(root.String("bus_dir", ""), baseDir) : d.BusDir,
            Notify = root.CommaList("notify"),
            Hosts = root.Has("hosts") ? root.Sequence("hosts").Select(ReadHost).ToList() : d.Hosts,
        };
        root.WarnUnknownKeys();
        foreach (var (key, why) in IgnoredKeys.Agent)
            if (root.Has(key)) root.Warning(key, IgnoredKeys.Message(why));
        var errors = findings.Where(f => f.IsError).ToList();
        var warnings = findings.Where(f => !f.IsError).ToList();
        if (errors.Count > 0) throw new ConfigException(errors, warnings);
        return new ConfigLoad<AgentConfig>(config, warnings, []);
    }

    private static HostConfig ReadHost(YamlSection h, int index)
    {
        var ssh = h.Section("ssh") is { } s
            ? new SshConfig(s.String("host", ""), s.Int("port", 22), s.OptionalString("user"),
                s.OptionalString("key") is { } k ? ConfigPaths.ExpandHome(k) : null, s.Int("timeout", 30))
            {
                KnownHostsFile = s.OptionalString("known_hosts_file") is { } f ? ConfigPaths.ExpandHome(f) : null,
                TmuxBin = s.String("tmux_bin", "tmux"),
            }.Also(s.WarnUnknownKeys)
            : null;
        var tmux = new TmuxHostConfig();
        if (h.Section("tmux") is { } t)
        {
            tmux = new TmuxHostConfig
            {
                Socket = t.String("socket", tmux.Socket),
                SessionFilters = t.Regexes("session_filters"),
                PaneNamePatterns = t.Regexes("pane_name_patterns"),
                CaptureLines = t.Int("capture_lines", tmux.CaptureLines),
            };
            t.WarnUnknownKeys();
        }
        var host = new HostConfig(h.String("name", $"host{index}"), ssh, tmux);
        if (ssh is { Host.Length: 0 }) h.Warning("ssh", "ssh.host is empty; this host cannot be reached");
        h.WarnUnknownKeys();
        return host;
    }

    internal static SourceLocation Loc(string file, YamlNode n) => new(file, (int)n.Start.Line, (int)n.Start.Column);

    private static T Also<T>(this T value, Action a) { a(); return value; }
}

/// <summary>Typed reads from one YAML mapping (the YAML counterpart of <see cref="TomlSection"/>).</summary>
internal sealed class YamlSection(YamlMappingNode map, string prefix, string file, List<ConfigDiagnostic> findings)
{
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    private string Name(string key) => prefix.Length == 0 ? key : $"{prefix}.{key}";
    private YamlNode? Get(string key)
    {
        _read.Add(key);
        return map.Children.FirstOrDefault(c => c.Key is YamlScalarNode k && k.Value == key).Value;
    }

    public bool Has(string key) => map.Children.Any(c => c.Key is YamlScalarNode k && k.Value == key);

    public string String(string key, string fallback) => Get(key) switch
    {
        null => fallback,
        YamlScalarNode { Value: null } => fallback,
        YamlScalarNode s => s.Value!,
        var n => Fail(key, n, "a string", fallback),
    };

    public string? OptionalString(string key) => Has(key) && Get(key) is YamlScalarNode { Value: { Length: > 0 } v } ? v : null;

    public int Int(string key, int fallback) => Get(key) switch
    {
        null => fallback,
        YamlScalarNode s when int.TryParse(s.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) => v,
        var n => Fail(key, n, "an integer", fallback),
    };

    /// <summary>A comma-separated string or a list.</summary>
    public IReadOnlyList<string> CommaList(string key) => Get(key) switch
    {
        null => [],
        YamlScalarNode s => (s.Value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
        YamlSequenceNode seq => seq.Children.OfType<YamlScalarNode>().Select(x => x.Value ?? "").Where(x => x.Length > 0).ToList(),
        var n => Fail<IReadOnlyList<string>>(key, n, "a comma-separated string or a list", []),
    };

    public IReadOnlyList<string> Regexes(string key)
    {
        var node = Get(key);
        if (node is null) return [];
        if (node is not YamlSequenceNode seq) return Fail<IReadOnlyList<string>>(key, node, "a list of regular expressions", []);
        var result = new List<string>();
        foreach (var item in seq.Children)
        {
            if (item is not YamlScalarNode { Value: { } p }) { Fail(key, item, "a regular expression", 0); continue; }
            try { _ = new Regex(p); result.Add(p); }
            catch (ArgumentException e) { findings.Add(new ConfigDiagnostic(AgentConfigLoader.Loc(file, item), Name(key), $"invalid regular expression \"{p}\": {e.Message}", true)); }
        }
        return result;
    }

    public YamlSection? Section(string key) => Get(key) switch
    {
        null => null,
        YamlMappingNode m => new YamlSection(m, Name(key), file, findings),
        var n => Fail<YamlSection?>(key, n, "a mapping", null),
    };

    public IReadOnlyList<YamlSection> Sequence(string key)
    {
        var node = Get(key);
        if (node is not YamlSequenceNode seq) return node is null ? [] : Fail<IReadOnlyList<YamlSection>>(key, node, "a list", []);
        var result = new List<YamlSection>();
        for (var i = 0; i < seq.Children.Count; i++)
        {
            if (seq.Children[i] is YamlMappingNode m) result.Add(new YamlSection(m, $"{Name(key)}[{i}]", file, findings));
            else Fail(key, seq.Children[i], "a mapping", 0);
        }
        return result;
    }

    public void Warning(string key, string message) =>
        findings.Add(new ConfigDiagnostic(AgentConfigLoader.Loc(file, Get(key) ?? map), Name(key), message, false));

    public void WarnUnknownKeys()
    {
        foreach (var (k, _) in map.Children)
            if (k is YamlScalarNode { Value: { } name } && !_read.Contains(name))
                findings.Add(new ConfigDiagnostic(AgentConfigLoader.Loc(file, k), Name(name), "unknown key (ignored)", false));
    }

    private T Fail<T>(string key, YamlNode got, string expected, T fallback)
    {
        var shown = got switch { YamlScalarNode s => $"\"{s.Value}\"", YamlSequenceNode => "a list", _ => "a mapping" };
        findings.Add(new ConfigDiagnostic(AgentConfigLoader.Loc(file, got), Name(key), $"expected {expected}, got {shown}", true));
        return fallback;
    }
}
