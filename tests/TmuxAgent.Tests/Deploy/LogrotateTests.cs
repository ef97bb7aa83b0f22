using System.IO.Compression;
using System.Text.RegularExpressions;

namespace TmuxAgent.Tests.Deploy;

/// <summary>deploy/logrotate/tmuxagent: rotation never tears a line nor loses the mirror's place.</summary>
[Category("logrotate")]
public class LogrotateTests
{
    private const string Shipped = "deploy/logrotate/tmuxagent";
    private const string ShippedLogDir = "/srv/tmuxagent/.tmuxagent/logs";
    private static string Logrotate => ExternalProgram.Require("logrotate", "logrotate");

    private DirectoryInfo _dir = null!;
    private string Logs => Path.Combine(_dir.FullName, "logs");
    private string Live => Path.Combine(Logs, "orchestrator-actions.jsonl");

    [SetUp]
    public void CreateDir()
    {
        _dir = Directory.CreateTempSubdirectory("tmuxagent-logrotate-");
        Directory.CreateDirectory(Logs);
    }

    [TearDown]
    public void DeleteDir() => _dir.Delete(recursive: true);

    [Test]
    public async Task The_shipped_config_is_accepted_by_logrotate()
    {
        var r = await ExternalProgram.RunAsync(Logrotate, ["-d", "-s", Path.Combine(_dir.FullName, "state"), RepoFiles.PathOf(Shipped)]);
        r.ExitCode.Should().Be(0, r.Output);
        r.Output.Should().Contain("orchestrator-actions.jsonl").And.Contain("45 rotations").And.NotContain("error");
    }

    [Test]
    public void It_renames_daily_keeps_at_least_30_days_and_never_copies_and_truncates()
    {
        var directives = Directives();
        directives.Should().Contain(["daily", "dateext", "nocreate", "delaycompress", "compress"]);
        directives.Should().NotContain(d => d == "copytruncate" || d == "copy");
        int.Parse(directives.Single(d => d.StartsWith("rotate ")).Split(' ')[1]).Should().BeGreaterThanOrEqualTo(30);
    }

    [Test]
    public async Task Rotation_keeps_every_line_whole_and_the_next_line_continues_the_sequence_in_a_new_file()
    {
        var config = WriteConfig();
        await AppendAsync(1, 3);

        await RotateAsync(config);

        File.Exists(Live).Should().BeFalse("nocreate: the host creates the next file itself");
        var first = RotatedFiles().Should().ContainSingle().Subject;
        first.Should().NotEndWith(".gz", "delaycompress keeps the newest rotated file readable for the mirror");
        Seqs(File.ReadAllText(first)).Should().Equal(1, 2, 3);
        File.ReadAllText(first).Should().EndWith("\n", "no line is torn");

        // the host appends the next seq it knows; the mirror's place is the last seq of the newest file
        await AppendAsync(4, 5);
        await Task.Delay(1100); // rotated names carry epoch seconds
        await RotateAsync(config);

        var rotated = RotatedFiles();
        rotated.Should().HaveCount(2);
        rotated[0].Should().EndWith(".gz", "older rotated files are compressed a rotation later");
        rotated[1].Should().NotEndWith(".gz");
        var all = rotated.SelectMany(f => Seqs(ReadText(f))).ToList();
        all.Should().Equal(1, 2, 3, 4, 5);
    }

    [Test]
    public async Task An_empty_or_missing_log_is_left_alone()
    {
        var config = WriteConfig();
        await RotateAsync(config);
        await File.WriteAllTextAsync(Live, "");
        await RotateAsync(config);

        RotatedFiles().Should().BeEmpty();
        File.Exists(Live).Should().BeTrue();
    }

    private List<string> Directives()
    {
        var text = RepoFiles.Read(Shipped);
        var body = text[(text.IndexOf('{') + 1)..text.LastIndexOf('}')];
        return [.. body.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))];
    }

    private string WriteConfig()
    {
        var text = RepoFiles.Read(Shipped);
        text.Should().Contain(ShippedLogDir);
        var path = Path.Combine(_dir.FullName, "tmuxagent");
        File.WriteAllText(path, text.Replace(ShippedLogDir, Logs));
        return path;
    }

    private async Task RotateAsync(string config)
    {
        var r = await ExternalProgram.RunAsync(Logrotate, ["-f", "-s", Path.Combine(_dir.FullName, "state"), config]);
        r.ExitCode.Should().Be(0, r.Output);
    }

    /// <summary>As the host's mirror does: whole lines, O_APPEND, creating the file when it is missing.</summary>
    private async Task AppendAsync(int from, int to)
    {
        for (var seq = from; seq <= to; seq++)
            await File.AppendAllTextAsync(Live, $"{{\"ts\": 1763900000.5, \"branch\": \"weather/bot\", \"event\": \"queued\", \"seq\": {seq}}}\n");
    }

    private string[] RotatedFiles() =>
        [.. Directory.GetFiles(Logs, "orchestrator-actions.jsonl-*").Order(StringComparer.Ordinal)];

    private static string ReadText(string path)
    {
        if (!path.EndsWith(".gz")) return File.ReadAllText(path);
        using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        return new StreamReader(gz).ReadToEnd();
    }

    private static IEnumerable<int> Seqs(string text) =>
        Regex.Matches(text, @"""seq"": (\d+)").Select(m => int.Parse(m.Groups[1].Value));
}
