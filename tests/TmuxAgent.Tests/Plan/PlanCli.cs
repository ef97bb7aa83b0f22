using System.CommandLine;
using TmuxAgent.Host.Plan;

namespace TmuxAgent.Tests.Plan;

/// <summary>Runs <c>plan …</c> through System.CommandLine exactly as the host's root command does, capturing output.</summary>
internal static class PlanCli
{
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var root = new RootCommand("tmux-agent-orchestrator");
        root.Subcommands.Add(PlanCommands.Create());
        var output = new StringWriter();
        var error = new StringWriter();
        var code = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null });
        return (code, output.ToString(), error.ToString());
    }

    public static string Examples => Path.Combine(RepoRoot.Path, "docs", "examples");
}

/// <summary>A temporary folder removed after the test.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("tmuxagent-plan-").FullName;

    public string Write(string name, string text)
    {
        var file = System.IO.Path.Combine(Path, name);
        File.WriteAllText(file, text);
        return file;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
