namespace GossipSim.Scenarios.Tests.Suite;

/// <summary>
/// What may not be committed: build output (anything under a bin/, obj/ or tmp/ folder), and any
/// file over <see cref="MaxBytes"/> outside the example runs the README quotes (examples/runs/).
/// </summary>
public static class TrackedFileRule
{
    public const long MaxBytes = 5L * 1024 * 1024;

    private static readonly string[] BuildOutputFolders = ["bin", "obj", "tmp"];

    /// <summary>null when <paramref name="path"/> (as git lists it, '/'-separated) may be committed; otherwise why not.</summary>
    public static string? Offence(string path, long bytes)
    {
        string[] folders = path.Split('/')[..^1];
        if (folders.FirstOrDefault(f => BuildOutputFolders.Contains(f, StringComparer.OrdinalIgnoreCase)) is { } folder)
            return $"{path}: under a {folder}/ folder (build output is never committed)";
        if (bytes > MaxBytes && !path.StartsWith("examples/runs/", StringComparison.Ordinal))
            return $"{path}: {bytes / (1024.0 * 1024.0):0.0} MiB, over {MaxBytes / (1024 * 1024)} MiB outside examples/runs/";
        return null;
    }
}
