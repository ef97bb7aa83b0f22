namespace TmuxAgent.Tests;

/// <summary>The repository's root folder (the one holding TmuxAgent.sln), found upwards from the test binaries.</summary>
public static class RepoRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "TmuxAgent.sln"))) return dir.FullName;
        throw new InvalidOperationException("TmuxAgent.sln not found above " + AppContext.BaseDirectory);
    }
}
