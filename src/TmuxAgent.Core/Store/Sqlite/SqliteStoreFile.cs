namespace TmuxAgent.Core.Store.Sqlite;

/// <summary>Creates the store's directory (0700) and file (0600) when they do not exist, so events are private to their owner.</summary>
internal static class SqliteStoreFile
{
    internal const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    internal const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Makes sure <paramref name="path"/> exists; an existing directory or file keeps its permissions.</summary>
    internal static void Ensure(string path)
    {
        CreateDirectories(Path.GetDirectoryName(path));
        if (File.Exists(path)) return;
        var options = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = FileMode;
        try
        {
            using var _ = new FileStream(path, options);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first.
        }
    }

    /// <summary>Creates <paramref name="dir"/> and each missing parent, every one of them 0700.</summary>
    private static void CreateDirectories(string? dir)
    {
        if (string.IsNullOrEmpty(dir) || Directory.Exists(dir)) return;
        CreateDirectories(Path.GetDirectoryName(dir));
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(dir);
        else Directory.CreateDirectory(dir, DirectoryMode);
    }
}
