namespace TmuxAgent.Tests.Replay;

/// <summary>
/// The original replay's output for the shared sample log (FORMATS.md): every line it printed must come first,
/// unchanged, run as the original was — inside the samples folder, TZ=UTC.
/// </summary>
[Category("process")]
public class OriginalSampleTests
{
    private static readonly string Samples = ReplayProcess.SamplesDir();

    private static string[] Lines(string text) => text.Replace("\r\n", "\n").TrimEnd('\n').Split('\n');

    [TestCase(new[] { "--log", "original-audit.jsonl" }, "original-audit.replay.txt")]
    [TestCase(new[] { "--log", "original-audit.jsonl", "--branch", "weather/bot", "--limit", "200" }, "original-audit.weather-bot-limit200.replay.txt")]
    public void The_original_lines_come_first_and_unchanged(string[] args, string expectedFile)
    {
        var expected = Lines(File.ReadAllText(Path.Combine(Samples, expectedFile)));

        var (exit, stdout, stderr) = ReplayProcess.Run(Samples, args);

        exit.Should().Be(0, stderr);
        Lines(stdout).Take(expected.Length).Should().Equal(expected);
    }

    [Test]
    public void Then_the_skipped_lines_and_the_outstanding_work_are_reported()
    {
        var (exit, stdout, _) = ReplayProcess.Run(Samples, "--log", "original-audit.jsonl", "--show-skipped");

        exit.Should().Be(0);
        var added = Lines(stdout).Skip(11).ToList();
        added[0].Should().Be("Skipped lines: 13 (blank line: 5, not JSON: 7, torn last line: 1)");
        added.Skip(1).Take(13).Should().AllSatisfy(l => l.Should().MatchRegex(@"^  line \d+: "));
        added.Should().Contain(l => l.StartsWith("  line 3013: torn last line", StringComparison.Ordinal));
        added.Should().Contain("Outstanding at end:");
        added.Should().Contain(l => l.StartsWith("  weather/bot: ", StringComparison.Ordinal));
    }

    [Test]
    public void The_default_log_is_the_original_path_under_the_working_directory()
    {
        using var dir = new TmuxAgent.Tests.Audit.TempDir();
        Directory.CreateDirectory(Path.Combine(dir.Path, ".tmuxagent", "logs"));
        File.Copy(Path.Combine(Samples, "original-audit.jsonl"), Path.Combine(dir.Path, ".tmuxagent", "logs", "orchestrator-actions.jsonl"));

        var (exit, stdout, _) = ReplayProcess.Run(dir.Path);

        exit.Should().Be(0);
        Lines(stdout)[0].Should().Be("Replayed 3000 events from .tmuxagent/logs/orchestrator-actions.jsonl");
    }

    [Test]
    public void The_help_names_every_option_and_command()
    {
        var (exit, stdout, _) = ReplayProcess.Run(Samples, "--help");

        exit.Should().Be(0);
        foreach (var word in new[] { "--log", "--branch", "--limit", "--show-skipped", "--store", "--json", "--since", "--until", "compare", "rerun" })
            stdout.Should().Contain(word);
    }
}
