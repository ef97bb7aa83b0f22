using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace TmuxAgent.Core.Files;

/// <summary>
/// What a path or an open file is, without following a symbolic link: its type and its identity (device and inode).
/// On Linux through <c>statx(2)</c>, whose result layout is the same on every architecture (no per-architecture
/// <c>struct stat</c>, no <c>O_NOFOLLOW</c> value to pick); source-generated P/Invoke, so it works in the Native AOT host.
/// Elsewhere (or on a kernel without <c>statx</c>) <see cref="Lstat"/> falls back to what .NET tells (symbolic link,
/// directory) and <see cref="Fstat"/> answers null.
/// </summary>
/// <param name="Kind">File type.</param>
/// <param name="Device">Device (major &lt;&lt; 32 | minor); 0 when unknown.</param>
/// <param name="Inode">Inode; 0 when unknown.</param>
internal readonly partial record struct FileIdentity(FileKind Kind, ulong Device, ulong Inode)
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxTypeAndIno = 0x1 | 0x100;   // STATX_TYPE | STATX_INO
    private const int NoEntry = 2, NotDirectory = 20, NoSystemCall = 38;
    private static bool _statxMissing = !OperatingSystem.IsLinux();

    /// <summary>The path itself (a link is not followed); null when nothing is there.</summary>
    public static FileIdentity? Lstat(string path)
    {
        if (!_statxMissing)
        {
            if (Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxTypeAndIno, out var b) == 0) return From(b);
            var errno = Marshal.GetLastPInvokeError();
            if (errno is NoEntry or NotDirectory) return null;
            if (errno == NoSystemCall) _statxMissing = true;
            else throw new IOException($"{path}: cannot inspect the file (errno {errno})");
        }
        var info = new FileInfo(path);
        if (info.LinkTarget is not null) return new FileIdentity(FileKind.SymbolicLink, 0, 0);
        if (Directory.Exists(path)) return new FileIdentity(FileKind.Directory, 0, 0);
        return info.Exists ? new FileIdentity(FileKind.Regular, 0, 0) : null;
    }

    /// <summary>The file an open handle refers to; null where that cannot be asked.</summary>
    public static FileIdentity? Fstat(SafeFileHandle handle)
    {
        if (_statxMissing) return null;
        var added = false;
        handle.DangerousAddRef(ref added);
        try
        {
            if (Statx((int)handle.DangerousGetHandle(), "", AtEmptyPath, StatxTypeAndIno, out var b) == 0) return From(b);
            return null;
        }
        finally { if (added) handle.DangerousRelease(); }
    }

    private static FileIdentity From(in StatxBuffer b) => new((b.Mode & 0xF000) switch
    {
        0x8000 => FileKind.Regular,
        0xA000 => FileKind.SymbolicLink,
        0x4000 => FileKind.Directory,
        0x1000 => FileKind.Fifo,
        0xC000 => FileKind.Socket,
        0x2000 or 0x6000 => FileKind.Device,
        _ => FileKind.Other,
    }, ((ulong)b.DevMajor << 32) | b.DevMinor, b.Inode);

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int dirfd, string path, int flags, uint mask, out StatxBuffer buffer);

    /// <summary><c>struct statx</c> (256 bytes, one layout on every Linux architecture): the fields read here.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct StatxBuffer
    {
        [FieldOffset(28)] public ushort Mode;
        [FieldOffset(32)] public ulong Inode;
        [FieldOffset(136)] public uint DevMajor;
        [FieldOffset(140)] public uint DevMinor;
    }
}

/// <summary>A file's type.</summary>
internal enum FileKind { Regular, SymbolicLink, Directory, Fifo, Socket, Device, Other }
