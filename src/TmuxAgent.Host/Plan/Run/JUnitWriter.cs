using System.Xml.Linq;

namespace TmuxAgent.Host.Plan.Run;

/// <summary>Writes scenario results as JUnit XML (the <c>testsuites/testsuite/testcase/failure</c> shape CI systems read).</summary>
public static class JUnitWriter
{
    /// <summary>One suite named after the scenario file, one test case per scenario.</summary>
    public static XDocument Build(string suiteName, IReadOnlyList<ScenarioResult> results)
    {
        var failures = results.Count(r => !r.Passed);
        var suite = new XElement("testsuite",
            new XAttribute("name", suiteName), new XAttribute("tests", results.Count), new XAttribute("failures", failures),
            new XAttribute("errors", 0), new XAttribute("skipped", 0), new XAttribute("time", "0"),
            results.Select(r => new XElement("testcase",
                new XAttribute("classname", suiteName), new XAttribute("name", r.Scenario.Name), new XAttribute("time", "0"),
                r.Failure is { } f
                    ? new XElement("failure", new XAttribute("message", FirstLine(f.Describe())), new XAttribute("type", "ExpectationNotMet"), f.Describe())
                    : null)));
        return new XDocument(new XDeclaration("1.0", "utf-8", null),
            new XElement("testsuites", new XAttribute("name", "plan test"), new XAttribute("tests", results.Count),
                new XAttribute("failures", failures), new XAttribute("errors", 0), new XAttribute("time", "0"), suite));
    }

    /// <summary>Writes <see cref="Build"/> to <paramref name="path"/>, creating its folder.</summary>
    public static void Write(string path, string suiteName, IReadOnlyList<ScenarioResult> results)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        var settings = new System.Xml.XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(false), Indent = true };
        using var writer = System.Xml.XmlWriter.Create(path, settings);
        Build(suiteName, results).Save(writer);
    }

    private static string FirstLine(string text) => text.Split('\n')[0].TrimEnd('\r');
}
