using System.Diagnostics;
using GossipSim.TestSupport;

namespace GossipSim.RealNet.Tests.Storage;

/// <summary>
/// A real file system that fills up: a 64 KiB tmpfs mounted on a temporary directory (root only;
/// where mounting is not allowed the test is skipped, or failed in CI: <see cref="MachineParts"/>).
/// <see cref="Fill"/> takes every free page with a filler file, <see cref="Free"/> gives them
/// back. Dispose unmounts, also after a failed test.
/// </summary>
public sealed class SmallDisk : IDisposable
{
    private readonly string _filler;
    private bool _mounted;

    public string Directory { get; }

    private SmallDisk(string directory)
    {
        Directory = directory;
        _filler = Path.Combine(directory, "filler");
    }

    /// <summary>Mounts one, or skips the calling test where mounting is not allowed.</summary>
    public static SmallDisk MountOrSkip()
    {
        MachineParts.Require(MachinePart.Tmpfs, OperatingSystem.IsLinux() ? null : "a tmpfs is Linux's");
        var disk = new SmallDisk(System.IO.Directory.CreateTempSubdirectory("gossipsim-smalldisk-").FullName);
        var (code, error) = Run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", disk.Directory);
        if (code != 0) disk.Dispose();
        MachineParts.Require(MachinePart.Tmpfs, code == 0 ? null : $"mount -t tmpfs failed: {error.Trim()}");
        disk._mounted = true;
        return disk;
    }

    /// <summary>Takes every free page of the disk; a file already there may still grow inside its last page.</summary>
    public void Fill()
    {
        using var f = new FileStream(_filler, FileMode.Append, FileAccess.Write, FileShare.None, bufferSize: 0);
        var page = new byte[4096];
        try
        {
            while (true) f.Write(page);
        }
        catch (IOException)
        {
            // full: what was written stays
        }
    }

    public void Free() => File.Delete(_filler);

    public void Dispose()
    {
        if (_mounted)
        {
            var (code, error) = Run("umount", Directory);
            if (code != 0) TestContext.Out.WriteLine($"umount {Directory}: {error}");
            _mounted = code != 0;
        }
        if (!_mounted) System.IO.Directory.Delete(Directory, recursive: true);
    }

    private static (int code, string error) Run(string file, params string[] args)
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            string error = p.StandardError.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode, error);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }
}
