using System.Diagnostics;

namespace TmuxAgent.Tests.Plan;

/// <summary>The real executable: <c>plan</c> is registered on the host's root command and exits with the documented codes.</summary>
public class PlanProcessSpecs
{
    private static (int Code, string Out, string Err) Host(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "tmux-agent-orchestrator.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoRoot.Path };
        start.ArgumentList.Add(dll);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(2))) { p.Kill(entireProcessTree: true); Assert.Fail("plan did not exit"); }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    [Test]
    public void Plan_check_and_plan_test_run_on_the_examples_from_the_real_executable()
    {
        var check = Host("plan", "check", "--orchestrator-config", "docs/examples/orchestrator.toml");
        check.Out.Should().Contain("docs/examples/orchestrator.toml: 5 task(s), no findings");
        check.Code.Should().Be(0);

        var test = Host("plan", "test", "docs/examples/plan-scenarios.yaml");
        test.Out.Should().Contain("15 passed, 0 failed");
        test.Code.Should().Be(0);
    }

    [Test]
    public void A_usage_error_exits_2()
    {
        var (code, _, error) = Host("plan", "test");
        error.Should().Contain("SCENARIOS.yaml");
        code.Should().Be(2);
    }
}
