namespace TmuxAgent.Tests.Deploy;

/// <summary>Files of the repository under test (found by walking up to TmuxAgent.sln).</summary>
public static class RepoFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "TmuxAgent.sln"))) return dir.FullName;
        throw new InvalidOperationException("TmuxAgent.sln not found above " + TestContext.CurrentContext.TestDirectory);
    }
}
