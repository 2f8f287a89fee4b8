using System.Runtime.InteropServices;
using System.Text;
using GossipSim.Scenarios.Definition;
using Microsoft.Win32.SafeHandles;

namespace GossipSim.Scenarios.Results;

/// <summary>
/// A run's exclusive hold on its results folder, for the run's duration: two runs writing into
/// one folder interleave each other's trace lines. The hold is an OS lock on <see cref="FileName"/>
/// in the folder (flock, taken by opening it unshared), which the OS drops when the holder's
/// process ends: the file a killed run leaves behind is stale, and the next run takes it over.
/// The file names the holder's process id, for the refusal.
/// </summary>
public sealed class RunFolderLock : IDisposable
{
    public const string FileName = "run.lock";
    private const int MaxAttempts = 10;

    /// <summary>Folders this run holds: a runner called by a command that holds the folder already holds it too.</summary>
    private static readonly AsyncLocal<HashSet<string>?> s_heldByThisRun = new();

    private readonly string _dir;
    private readonly FileStream? _file;

    private RunFolderLock(string dir, FileStream? file) => (_dir, _file) = (dir, file);

    /// <summary>Creates <paramref name="dir"/> if need be and holds it; refuses, naming the holder, when another run holds it.</summary>
    /// <exception cref="ScenarioException">Another run holds the folder.</exception>
    public static RunFolderLock Take(string dir)
    {
        dir = Path.GetFullPath(dir);
        var held = s_heldByThisRun.Value;
        if (held != null && held.Contains(dir)) return new RunFolderLock(dir, null);
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, FileName);
        string token = $"{Environment.ProcessId}\n{Guid.NewGuid():N}\n";
        // A holder deletes the file as it lets go: one who opened it just before holds a file no
        // longer in the folder, and tries again on the one the folder now has.
        for (int attempt = 0; ; attempt++)
        {
            FileStream file;
            try { file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None); }
            catch (IOException) when (File.Exists(path))
            {
                throw new ScenarioException($"{Shown(dir)} is in use by another run (pid {HolderPid(path) ?? "unknown"}); "
                    + $"wait for it or choose --out");
            }
            catch (IOException) when (attempt < MaxAttempts) { continue; } // its holder let go meanwhile
            file.SetLength(0);
            file.Write(Encoding.ASCII.GetBytes(token));
            file.Flush();
            if (ReadUnlocked(path) == token)
            {
                s_heldByThisRun.Value = new HashSet<string>(held ?? []) { dir };
                return new RunFolderLock(dir, file);
            }
            file.Dispose();
            if (attempt == MaxAttempts) throw new IOException($"{Shown(dir)}: could not hold {FileName}: it changes under every attempt");
        }
    }

    public void Dispose()
    {
        if (_file == null) return;
        var held = s_heldByThisRun.Value;
        if (held != null) s_heldByThisRun.Value = new HashSet<string>(held.Where(d => d != _dir));
        // Deleted while still held, so no one can hold the path's file before it is gone.
        File.Delete(Path.Combine(_dir, FileName));
        _file.Dispose();
    }

    private static string Shown(string dir)
    {
        string relative = Path.GetRelativePath(Environment.CurrentDirectory, dir);
        return relative.StartsWith("..", StringComparison.Ordinal) ? dir : relative;
    }

    private static string? HolderPid(string path) => ReadUnlocked(path)?.Split('\n')[0] is { Length: > 0 } pid ? pid : null;

    /// <summary>
    /// The file's text, read past the holder's lock (.NET's own open would ask for a shared lock
    /// and be refused); null when it is gone or unreadable.
    /// </summary>
    private static string? ReadUnlocked(string path)
    {
        int fd = open(path, 0 /* O_RDONLY */);
        if (fd < 0) return null;
        using var stream = new FileStream(new SafeFileHandle(fd, ownsHandle: true), FileAccess.Read);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        try { return reader.ReadToEnd(); }
        catch (IOException) { return null; }
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);
}
