namespace TmuxAgent.Config;

/// <summary>Path rules of both configuration files: <c>~</c> expands to the home folder; relative paths resolve against a base folder.</summary>
public static class ConfigPaths
{
    /// <summary>The home folder (<c>HOME</c>, else the user profile).</summary>
    public static string Home =>
        Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } h ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    /// <summary><paramref name="path"/> with a leading <c>~</c> or <c>~/</c> replaced by the home folder.</summary>
    public static string ExpandHome(string path) =>
        path == "~" ? Home
        : path.StartsWith("~/", StringComparison.Ordinal) ? Path.Combine(Home, path[2..])
        : path;

    /// <summary><paramref name="path"/> expanded and made absolute against <paramref name="baseDirectory"/>.</summary>
    public static string Resolve(string path, string baseDirectory) => Path.GetFullPath(ExpandHome(path), baseDirectory);
}
