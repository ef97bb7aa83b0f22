namespace TmuxAgent.Core.Store.Sqlite;

/// <summary>Creates the store's directory (0700) and file (0600) when they do not exist, so events are private to their owner.</summary>
internal static class SqliteStoreFile
{
    internal const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    internal const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Makes sure <paramref name="path"/> exists; an existing directory or file keeps its permissions. The file and
    /// SQLite's companions (<c>-wal</c>, <c>-shm</c>, <c>-journal</c>) must be regular files, not symbolic links.</summary>
    /// <exception cref="Files.UnsafeFileException">One of them is a symbolic link or not a regular file.</exception>
    internal static void Ensure(string path)
    {
        CreateDirectories(Path.GetDirectoryName(path));
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" }) Files.RegularFile.Check(file, "event store");
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
