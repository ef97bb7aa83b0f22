using System.Globalization;
using System.Text.RegularExpressions;

namespace TmuxAgent.Tests.Metrics;

/// <summary>A scraped Prometheus text exposition, parsed into samples.</summary>
public sealed partial class Exposition
{
    private Exposition(string text, IReadOnlyList<Sample> samples) => (Text, Samples) = (text, samples);

    public string Text { get; }
    public IReadOnlyList<Sample> Samples { get; }

    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    public static async Task<Exposition> ScrapeAsync(Uri uri)
    {
        using var http = new HttpClient();
        var text = await http.GetStringAsync(uri);
        return Parse(text);
    }

    public static Exposition Parse(string text)
    {
        var samples = new List<Sample>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var m = SampleLine().Match(line);
            if (!m.Success) throw new FormatException($"not a sample line: {line}");
            var labels = LabelPair().Matches(m.Groups["labels"].Value)
                .ToDictionary(l => l.Groups[1].Value, l => l.Groups[2].Value);
            samples.Add(new Sample(m.Groups["name"].Value, labels, ParseValue(m.Groups["value"].Value)));
        }
        return new Exposition(text, samples);
    }

    /// <summary>The value of the one sample with this name and exactly these labels, or null.</summary>
    public double? Value(string name, params (string Key, string Value)[] labels) =>
        Find(name, labels)?.Value;

    public Sample? Find(string name, params (string Key, string Value)[] labels) =>
        Samples.SingleOrDefault(s => s.Name == name && s.Labels.Count == labels.Length
            && labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value));

    public IEnumerable<Sample> Named(string name) => Samples.Where(s => s.Name == name);

    /// <summary>The <c># TYPE</c> of a metric family, or null.</summary>
    public string? TypeOf(string name) =>
        Text.Split('\n').Select(l => l.Split(' ')).FirstOrDefault(p => p.Length == 4 && p[0] == "#" && p[1] == "TYPE" && p[2] == name)?[3];

    private static double ParseValue(string v) => v switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)(\s+\S+)?$")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex LabelPair();
}
