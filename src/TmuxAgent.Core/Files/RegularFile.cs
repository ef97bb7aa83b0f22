using Microsoft.Win32.SafeHandles;

namespace TmuxAgent.Core.Files;

/// <summary>
/// Opens the project's own files (audit log, event store, LocalBus files, the offsets file, the token file) only when
/// they are regular files reached without a symbolic link: a link planted in their place (pointing at someone else's
/// file) or a FIFO, device or folder is refused with one error naming the path, before anything is read, written or cut.
/// .NET has no <c>O_NOFOLLOW</c>, so the path is inspected without following links, opened, and the open file compared
/// with the path again (device and inode), which also catches a link swapped in between.
/// </summary>
public static class RegularFile
{
    /// <summary>Throws when something other than a regular file is at <paramref name="path"/>; nothing there is fine.</summary>
    /// <param name="path">The file.</param>
    /// <param name="what">What the file is for, for the message (<c>audit log</c>, <c>event store</c>, …).</param>
    /// <exception cref="UnsafeFileException">A symbolic link or a file that is not regular is there.</exception>
    public static void Check(string path, string what)
    {
        if (FileIdentity.Lstat(path) is { } id && id.Kind != FileKind.Regular) throw Refused(path, what, id.Kind);
    }

    /// <summary>Opens <paramref name="path"/> as <see cref="FileStream"/> does with <paramref name="options"/>, refusing a
    /// symbolic link or a file that is not regular (see <see cref="Check"/>).</summary>
    /// <exception cref="UnsafeFileException">A symbolic link or a file that is not regular is there.</exception>
    public static FileStream Open(string path, FileStreamOptions options, string what)
    {
        var before = FileIdentity.Lstat(path);
        if (before is { } b && b.Kind != FileKind.Regular) throw Refused(path, what, b.Kind);
        var stream = new FileStream(path, options);
        try
        {
            Verify(path, what, stream.SafeFileHandle);
            return stream;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Appends <paramref name="bytes"/> to <paramref name="path"/> (created with the process umask when missing).</summary>
    /// <exception cref="UnsafeFileException">A symbolic link or a file that is not regular is there.</exception>
    public static void Append(string path, ReadOnlySpan<byte> bytes, string what, bool flushToDisk)
    {
        using var f = Open(path, new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.ReadWrite }, what);
        f.Write(bytes);
        f.Flush(flushToDisk);
    }

    /// <summary>The text of <paramref name="path"/>, refusing a symbolic link or a file that is not regular.</summary>
    /// <exception cref="UnsafeFileException">A symbolic link or a file that is not regular is there.</exception>
    public static string ReadAllText(string path, string what)
    {
        using var f = Open(path, new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.ReadWrite | FileShare.Delete }, what);
        using var r = new StreamReader(f);
        return r.ReadToEnd();
    }

    /// <summary>Whether the open file is the regular file at <paramref name="path"/> now.</summary>
    private static void Verify(string path, string what, SafeFileHandle handle)
    {
        if (FileIdentity.Fstat(handle) is not { } opened) return;
        if (opened.Kind != FileKind.Regular) throw Refused(path, what, opened.Kind);
        var now = FileIdentity.Lstat(path);
        if (now is not { } n || n.Kind != FileKind.Regular || n.Device != opened.Device || n.Inode != opened.Inode)
            throw Refused(path, what, now?.Kind ?? FileKind.Other, swapped: true);
    }

    private static UnsafeFileException Refused(string path, string what, FileKind kind, bool swapped = false) => new(path,
        $"refusing to use it as the {what}: " + (swapped ? "it was replaced while being opened" : kind switch
        {
            FileKind.SymbolicLink => $"it is a symbolic link (to {LinkTarget(path)}), not a regular file",
            FileKind.Directory => "it is a directory, not a regular file",
            FileKind.Fifo => "it is a FIFO, not a regular file",
            FileKind.Socket => "it is a socket, not a regular file",
            FileKind.Device => "it is a device, not a regular file",
            _ => "it is not a regular file",
        }) + "; nothing was read or written (put a regular file there, or remove it to have it created)");

    private static string LinkTarget(string path)
    {
        try { return new FileInfo(path).LinkTarget ?? "?"; }
        catch (IOException) { return "?"; }
    }
}

/// <summary>A path that is not a regular file reached without a symbolic link, where the project keeps one of its files.</summary>
/// <param name="path">The path refused.</param>
/// <param name="reason">What it is and what to do (the message is <c>PATH: REASON</c>).</param>
public sealed class UnsafeFileException(string path, string reason) : IOException($"{path}: {reason}")
{
    /// <summary>The path refused.</summary>
    public string Path { get; } = path;

    /// <summary>The message without the path.</summary>
    public string Reason { get; } = reason;
}
