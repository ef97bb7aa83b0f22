using System.Text.RegularExpressions;

namespace TmuxAgent.Tests.Deploy;

/// <summary>
/// docs/zh/scale-out.md translates docs/scale-out.md: its links resolve, and every flag, key and path it names is one
/// the English guide names too, so the translation cannot drift to names that do not exist.
/// </summary>
public class ScaleOutDocsTests
{
    private const string English = "docs/scale-out.md";
    private const string Chinese = "docs/zh/scale-out.md";

    public static readonly string[] Guides = [English, Chinese];

    [TestCaseSource(nameof(Guides))]
    public void Every_relative_link_resolves_to_a_file(string guide)
    {
        var links = Regex.Matches(RepoFiles.Read(guide), @"\]\(([^)\s#]+)(#[^)]*)?\)")
            .Select(m => m.Groups[1].Value).Where(l => !l.Contains("://")).ToList();
        links.Should().NotBeEmpty($"{guide} links its other-language version");
        var folder = Path.GetDirectoryName(RepoFiles.PathOf(guide))!;
        foreach (var link in links)
            File.Exists(Path.GetFullPath(Path.Combine(folder, link))).Should().BeTrue($"{guide} links {link}");
    }

    [Test]
    public void The_guides_link_each_other()
    {
        RepoFiles.Read(English).Should().Contain("](zh/scale-out.md)");
        RepoFiles.Read(Chinese).Should().Contain("](../scale-out.md)");
        RepoFiles.Read("README.md").Should().Contain("([中文](docs/zh/scale-out.md))");
    }

    [Test]
    public void Every_flag_of_the_translation_is_in_the_english_guide()
    {
        var english = Flags(RepoFiles.Read(English));
        var chinese = Flags(RepoFiles.Read(Chinese));
        chinese.Should().Contain("--host-id").And.Contain("--store");
        chinese.Should().BeSubsetOf(english);
    }

    /// <summary>Keys in backticks: TOML keys (`lease_ttl_seconds`, `[codex] timeout`), YAML keys (`ssh.tmux_bin`,
    /// `hosts[].ssh`), URL parameters (`sslmode`).</summary>
    [Test]
    public void Every_key_in_backticks_of_the_translation_is_in_the_english_guide()
    {
        var english = CodeSpans(RepoFiles.Read(English)).ToHashSet();
        var keys = CodeSpans(RepoFiles.Read(Chinese)).Where(IsKey).Distinct().ToList();
        keys.Should().Contain(["host_id", "lease_ttl_seconds", "poll_interval", "[codex] timeout", "ssh.tmux_bin", "bus_dir"]);
        keys.Should().BeSubsetOf(english);
    }

    [Test]
    public void Every_repository_path_the_translation_names_exists()
    {
        var paths = Regex.Matches(RepoFiles.Read(Chinese), @"(?<![\w./-])(?:src|tests|bench|docs|scripts|deploy)/[A-Za-z0-9_./-]*[A-Za-z0-9_/]")
            .Select(m => m.Value).Distinct().ToList();
        paths.Should().Contain("src/TmuxAgent.Host/Leases/BranchLeaseKeeper.cs");
        foreach (var path in paths)
            (File.Exists(RepoFiles.PathOf(path)) || Directory.Exists(RepoFiles.PathOf(path))).Should().BeTrue($"{Chinese} names {path}");
    }

    [Test]
    public void Both_guides_have_the_same_section_levels()
    {
        static List<int> Levels(string guide) =>
            [.. Regex.Matches(RepoFiles.Read(guide), @"^(#+) ", RegexOptions.Multiline).Select(m => m.Groups[1].Length)];
        Levels(Chinese).Should().Equal(Levels(English));
    }

    private static HashSet<string> Flags(string text) =>
        Regex.Matches(text, @"(?<![\w-])--[a-z][a-z0-9-]*").Select(m => m.Value).ToHashSet();

    private static IEnumerable<string> CodeSpans(string text) =>
        Regex.Matches(text, @"`([^`\n]+)`").Select(m => m.Groups[1].Value);

    private static bool IsKey(string span) =>
        Regex.IsMatch(span, @"^(\[[a-z_]+\] )?[a-z][a-z0-9_]*(\[\])?(\.[a-z][a-z0-9_]*)*$");
}
