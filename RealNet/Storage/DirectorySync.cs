using System.Runtime.InteropServices;

namespace GossipSim.RealNet.Storage;

/// <summary>
/// fsync of a directory: a rename is durable only once the directory holding it is on disk.
/// .NET has no call for it, so on Unix the directory is opened and fsynced through libc; on
/// other systems (where the rename is made durable by the file system) it does nothing.
/// </summary>
internal static class DirectorySync
{
    private const int ReadOnly = 0; // O_RDONLY

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);

    public static void Flush(string directory)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return;
        int fd = Open(directory, ReadOnly);
        if (fd < 0)
            throw new IOException($"cannot open directory {directory} to make a rename durable (errno {Marshal.GetLastPInvokeError()})");
        try
        {
            if (Fsync(fd) != 0) throw new IOException($"cannot fsync directory {directory} (errno {Marshal.GetLastPInvokeError()})");
        }
        finally
        {
            Close(fd);
        }
    }
}
