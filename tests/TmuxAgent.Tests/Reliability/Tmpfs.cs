using System.Diagnostics;

namespace TmuxAgent.Tests.Reliability;

/// <summary>A small tmpfs mounted on a folder for one test (needs root and a kernel that lets it mount): a real disk that
/// can be filled, freed and remounted read-only under a running process. Unmounted on dispose.</summary>
public sealed class Tmpfs : IDisposable
{
    private Tmpfs(string path) => Path = path;

    /// <summary>The mount point.</summary>
    public string Path { get; }

    private string Filler => System.IO.Path.Combine(Path, "filler.bin");

    /// <summary>Mounts a tmpfs of <paramref name="megabytes"/> on <paramref name="path"/> (created), or ignores the test saying why it cannot.</summary>
    public static Tmpfs MountOrIgnore(string path, int megabytes)
    {
        if (!OperatingSystem.IsLinux()) Assert.Ignore("tmpfs mounts need Linux");
        Directory.CreateDirectory(path);
        var (code, output) = Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m,mode=0700", "tmpfs", path);
        if (code != 0) Assert.Ignore($"cannot mount a tmpfs here (needs root / CAP_SYS_ADMIN): {output.Trim()}");
        return new Tmpfs(path);
    }

    /// <summary>Writes zeros to a filler file until the disk is full (ENOSPC).</summary>
    public void Fill()
    {
        using var f = new FileStream(Filler, FileMode.Create, FileAccess.Write, FileShare.None);
        var block = new byte[64 * 1024];
        try { while (true) f.Write(block); }
        catch (IOException) { /* No space left on device: full. */ }
        var left = new DriveInfo(Path).AvailableFreeSpace;
        if (left > 0)
        {
            // The last block did not fit whole: top up byte by byte until nothing is left.
            try { while (true) f.Write(block, 0, 1); } catch (IOException) { }
        }
    }

    /// <summary>Deletes the filler file: space is back.</summary>
    public void Free() => File.Delete(Filler);

    /// <summary>Bytes still free.</summary>
    public long Available => new DriveInfo(Path).AvailableFreeSpace;

    /// <summary><c>mount -o remount,ro</c>: the exit code and what mount said (the kernel refuses while a file is open for writing).</summary>
    public (int Code, string Output) RemountReadOnly() => Run("mount", "-o", "remount,ro", Path);

    /// <summary><c>mount -o remount,rw</c>.</summary>
    public void RemountReadWrite()
    {
        var (code, output) = Run("mount", "-o", "remount,rw", Path);
        if (code != 0) throw new InvalidOperationException($"remount,rw {Path}: {output}");
    }

    public void Dispose()
    {
        if (Run("umount", Path).Code != 0) Run("umount", "-l", Path);
    }

    private static (int Code, string Output) Run(string program, params string[] args)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output);
    }
}
