namespace GossipSim.RealNet.Security;

/// <summary>Files that hold a secret (the cluster key, a node's private key): written whole and readable by their owner only.</summary>
internal static class SecretFile
{
    /// <summary>Writes <paramref name="text"/> to a temporary file of mode 600 and renames it over <paramref name="path"/>; the error's
    /// message, or null.</summary>
    public static string? TryWrite(string path, string text, bool overwrite)
    {
        if (!overwrite && File.Exists(path)) return $"{path} already exists";
        string tmp = TemporaryFor(path);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using (var writer = new StreamWriter(tmp, options))
                writer.Write(text);
            File.Move(tmp, path, overwrite);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // not ours to remove (a directory in the way)
            try { File.Delete(tmp); } catch (Exception x) when (x is IOException or UnauthorizedAccessException) { }
            return $"cannot write {path}: {e.Message}";
        }
    }

    /// <summary>Where <see cref="TryWrite"/> writes before the rename (one per process, so two writers never share it).</summary>
    internal static string TemporaryFor(string path) => path + ".tmp-" + Environment.ProcessId;

    /// <summary>A warning when other users of this machine can read or write the file; null when only its owner can.</summary>
    public static string? OthersCanRead(string path, string what)
    {
        if (OperatingSystem.IsWindows()) return null;
        const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;
        return (File.GetUnixFileMode(path) & others) != 0
            ? $"{what} {path} can be read by other users of this machine; 'chmod 600 {path}' keeps it to its owner"
            : null;
    }
}
