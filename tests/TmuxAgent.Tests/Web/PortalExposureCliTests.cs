using TmuxAgent.Host.Cli;
using TmuxAgent.Host.Web.Portal;
using TmuxAgent.Tests.Host;

namespace TmuxAgent.Tests.Web;

/// <summary>The command line refuses to expose the portal without a token, before anything starts.</summary>
[NonParallelizable]
public class PortalExposureCliTests
{
    [Test]
    public async Task A_non_loopback_portal_without_a_token_exits_2_naming_the_key()
    {
        Assume.That(Environment.GetEnvironmentVariable(ApprovalToken.EnvironmentVariable), Is.Null.Or.Empty);
        using var dir = new TempDir();
        var toml = dir.File(".tmuxagent/orchestrator.toml", "portal_host = \"0.0.0.0\"\n[codex]\nbin = \"/bin/sh\"\n[[tasks]]\nbranch = \"demo/a\"\nphases = [\"planning\", \"done\"]\n");
        var (code, stderr) = await RunAsync(toml, dir["state.db"]);

        code.Should().Be(ExitCodes.BadConfig);
        stderr.Should().Contain("portal_host").And.Contain("not a loopback address").And.Contain("no approval token");
        File.Exists(dir["state.db"]).Should().BeFalse("nothing started");
    }

    /// <summary>The daemon's command line for <paramref name="toml"/> (dashboard off), with what it wrote on stderr.</summary>
    public static async Task<(int Code, string StdErr)> RunAsync(string toml, string store)
    {
        var stderr = new StringWriter();
        var before = Console.Error;
        Console.SetError(stderr);
        try { return (await CommandLine.RunAsync(["--orchestrator-config", toml, "--store", store, "--dashboard-port", "0"]), stderr.ToString()); }
        finally { Console.SetError(before); }
    }
}
