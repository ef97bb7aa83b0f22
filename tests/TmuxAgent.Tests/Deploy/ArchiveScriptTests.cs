namespace TmuxAgent.Tests.Deploy;

/// <summary>deploy/archive/s3-archive.sh run by bash with a stand-in aws/rclone on PATH that records its arguments.</summary>
[Category("archive")]
public class ArchiveScriptTests
{
    private const string Script = "deploy/archive/s3-archive.sh";
    private DirectoryInfo _dir = null!;
    private string Logs => Path.Combine(_dir.FullName, "logs");
    private string Bin => Path.Combine(_dir.FullName, "bin");
    private string Calls => Path.Combine(_dir.FullName, "calls");

    [SetUp]
    public void CreateDir()
    {
        _dir = Directory.CreateTempSubdirectory("tmuxagent-archive-");
        Directory.CreateDirectory(Logs);
        Directory.CreateDirectory(Bin);
        foreach (var tool in new[] { "aws", "rclone" })
        {
            var path = Path.Combine(Bin, tool);
            File.WriteAllText(path, $"#!/bin/sh\nprintf '%s\\n' \"{tool} $*\" >> '{Calls}'\nexit ${{FAKE_EXIT:-0}}\n");
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [TearDown]
    public void DeleteDir() => _dir.Delete(recursive: true);

    [Test]
    [Category("shellcheck")]
    public async Task Passes_shellcheck()
    {
        var r = await ExternalProgram.RunAsync(ExternalProgram.Require("shellcheck", "shellcheck"), [Script]);
        r.ExitCode.Should().Be(0, r.Output);
    }

    [Test]
    public async Task Dry_run_syncs_only_rotated_compressed_files_with_the_tool_s_own_dry_run()
    {
        Touch("orchestrator-actions.jsonl", "orchestrator-actions.jsonl-20261101-1793000000.gz", "orchestrator-actions.jsonl-20261102-1793086400");

        var r = await RunAsync("--dest", "s3://ops-archive/tmuxagent/host1", "--log-dir", Logs, "--dry-run");

        r.ExitCode.Should().Be(0, r.Output);
        r.StdOut.Should().Contain("1 rotated file(s)").And.Contain("(dry run)");
        File.ReadAllText(Calls).Trim().Should().Be(
            $"aws s3 sync {Logs} s3://ops-archive/tmuxagent/host1 --exclude * --include orchestrator-actions.jsonl-*.gz --storage-class STANDARD_IA --no-progress --dryrun");
    }

    [Test]
    public async Task Rclone_copies_without_overwriting_archived_files()
    {
        Touch("orchestrator-actions.jsonl-20261101-1793000000.gz");

        var r = await RunAsync("--tool", "rclone", "--dest", "archive:tmuxagent/host1", "--log-dir", Logs);

        r.ExitCode.Should().Be(0, r.Output);
        File.ReadAllText(Calls).Trim().Should().Be($"rclone copy {Logs} archive:tmuxagent/host1 --include orchestrator-actions.jsonl-*.gz --immutable");
    }

    [Test]
    public async Task Nothing_rotated_means_nothing_uploaded()
    {
        Touch("orchestrator-actions.jsonl");
        var r = await RunAsync("--dest", "s3://b/p", "--log-dir", Logs);
        r.ExitCode.Should().Be(0, r.Output);
        r.StdOut.Should().Contain("nothing to archive");
        File.Exists(Calls).Should().BeFalse();
    }

    [TestCase(new string[0], "--dest is required")]
    [TestCase(new[] { "--dest", "gs://b/p" }, "must start with s3://")]
    [TestCase(new[] { "--dest", "s3://b/p", "--tool", "scp" }, "--tool must be aws or rclone")]
    [TestCase(new[] { "--dest", "s3://b/p", "--bogus" }, "unknown argument: --bogus")]
    public async Task Bad_usage_exits_2_and_says_why(string[] args, string why)
    {
        var r = await RunAsync([.. args, "--log-dir", Logs]);
        r.ExitCode.Should().Be(2);
        r.StdErr.Should().Contain(why);
    }

    [Test]
    public async Task A_failed_upload_exits_1()
    {
        Touch("orchestrator-actions.jsonl-20261101-1793000000.gz");
        var r = await RunAsync(new Dictionary<string, string> { ["FAKE_EXIT"] = "3" }, "--dest", "s3://b/p", "--log-dir", Logs);
        r.ExitCode.Should().Be(1);
        r.StdErr.Should().Contain("aws failed");
    }

    private void Touch(params string[] names)
    {
        foreach (var n in names) File.WriteAllText(Path.Combine(Logs, n), "{}\n");
    }

    private Task<ExternalProgram.Result> RunAsync(params string[] args) => RunAsync(new Dictionary<string, string>(), args);

    private Task<ExternalProgram.Result> RunAsync(Dictionary<string, string> env, params string[] args)
    {
        env["PATH"] = Bin + ":/usr/bin:/bin";
        return ExternalProgram.RunAsync("/bin/bash", [RepoFiles.PathOf(Script), .. args], environment: env);
    }
}
