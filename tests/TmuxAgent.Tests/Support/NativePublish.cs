using System.Diagnostics;

namespace TmuxAgent.Tests.Support;

/// <summary>A Native AOT binary for the tests: the one an environment variable names, else published once by a
/// scripts/publish-*.sh into a folder of the test's.</summary>
public static class NativePublish
{
    /// <summary>The binary <paramref name="variable"/> names, or <paramref name="script"/> run with <paramref name="outDir"/>
    /// (a few minutes; needs clang, installed by scripts/ensure-deps.sh) and its <paramref name="binary"/> there.</summary>
    public static string Binary(string variable, string script, string outDir, string binary)
    {
        if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } given) return given;
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoRoot.Path };
        psi.ArgumentList.Add(Path.Combine(RepoRoot.Path, "scripts", script));
        psi.ArgumentList.Add(outDir);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(20))) { p.Kill(entireProcessTree: true); Assert.Fail($"{script} did not finish in 20 minutes"); }
        p.ExitCode.Should().Be(0, $"{script} failed:\n{stdout.Result}\n{stderr.Result}");
        return Path.Combine(outDir, binary);
    }
}
