using System.Text.RegularExpressions;

namespace TmuxAgent.Tests.Security;

/// <summary>docs/security.md claims that are properties of the source: argv-only process starts, literal send-keys, constant-time token compare.</summary>
public class SourceScanTests
{
    private static IEnumerable<(string File, string Text)> Sources() =>
        Directory.EnumerateFiles(Path.Combine(RepoRoot.Path, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/") && !f.Contains("/bin/"))
            .Select(f => (Path.GetRelativePath(RepoRoot.Path, f), File.ReadAllText(f)));

    [Test]
    public void Every_process_is_started_with_an_argument_list_and_no_shell()
    {
        var starts = Sources().Where(s => s.Text.Contains("ProcessStartInfo")).ToList();
        starts.Should().NotBeEmpty("the scan must see the process runner");
        foreach (var (file, text) in Sources())
        {
            text.Should().NotMatchRegex(@"\.Arguments\s*=", $"{file} builds a command line string");
            text.Should().NotMatchRegex(@"new\s+ProcessStartInfo\s*\([^)]*,", $"{file} passes arguments as one string");
            text.Should().NotMatchRegex(@"UseShellExecute\s*=\s*true", $"{file} starts through a shell");
            text.Should().NotMatchRegex(@"""(/bin/)?(ba)?sh""\s*,\s*""-c""", $"{file} runs sh -c");
            text.Should().NotMatchRegex(@"Process\.Start\s*\(\s*""[^""]*""\s*,\s*""", $"{file} passes arguments as one string");
        }
        starts.Should().OnlyContain(s => s.Text.Contains("ArgumentList"), "every ProcessStartInfo fills ArgumentList");
    }

    [Test]
    public void Command_text_is_sent_to_tmux_only_with_send_keys_dash_l()
    {
        var sendKeys = Sources().SelectMany(s => Regex.Matches(s.Text, @"\[""send-keys""[^\]]*\]").Select(m => (s.File, m.Value))).ToList();
        sendKeys.Should().NotBeEmpty();
        foreach (var (file, call) in sendKeys.Where(c => c.Value.Contains("text")))
            call.Should().Contain("\"-l\", \"--\", text", $"{file}: text is typed literally, after --");
    }

    [Test]
    public void The_approval_token_is_compared_in_constant_time()
    {
        var token = Sources().Single(s => s.File.EndsWith("ApprovalToken.cs", StringComparison.Ordinal)).Text;
        token.Should().Contain("CryptographicOperations.FixedTimeEquals");
        token.Should().NotMatchRegex(@"presented\s*==|==\s*presented|\.Equals\(presented");
    }
}
