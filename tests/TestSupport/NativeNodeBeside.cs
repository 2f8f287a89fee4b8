namespace GossipSim.TestSupport;

/// <summary>
/// The native node a Scenarios build with -p:NodeNative=true published (.ci/run's build does), placed beside the test assembly
/// as it is beside the launcher, so that a run a test starts in its own process runs the node a user's headline runs
/// (RealRunner.NodeProgram then takes it by its own rule: not a copy older than the build's GossipSim.RealNet.dll). On JIT
/// nodes a crash-hub run on loopback took a core for its whole length in CI (33 node processes, each compiling as it starts):
/// one SWIM run alone 55 CPU s in 49 s, where the headline's native nodes take 21 in 45 (2026-12-02); and the shipped loopback
/// model (Scenarios/Compare/loopback-model.json) was measured on native nodes. Copied when the tests start, not by the build:
/// in a solution build the test projects were built before the Scenarios project had published it. Without that build
/// nothing is placed and the nodes run on the JIT, as before.
/// </summary>
public static class NativeNodeBeside
{
    public const string Folder = "node-native";

    /// <summary>Copies the built native node's folder beside the tests when it is current; says what it did, or null.</summary>
    public static string? Place()
    {
        string here = AppContext.BaseDirectory;
        var tfm = new DirectoryInfo(here.TrimEnd(System.IO.Path.DirectorySeparatorChar));
        string built = RepositoryFiles.Path("Scenarios", "bin", tfm.Parent!.Name, tfm.Name, Folder);
        string node = System.IO.Path.Combine(built, "GossipSim.RealNet");
        string dll = System.IO.Path.Combine(here, "GossipSim.RealNet.dll");
        if (!File.Exists(node) || !File.Exists(dll) || File.GetLastWriteTimeUtc(node) < File.GetLastWriteTimeUtc(dll)) return null;
        CopyFolder(built, System.IO.Path.Combine(here, Folder));
        return $"native node from {built}";
    }

    /// <summary>Places each file of <paramref name="built"/> in <paramref name="target"/> unless a copy of it is there.</summary>
    public static void CopyFolder(string built, string target)
    {
        Directory.CreateDirectory(target);
        foreach (string file in Directory.GetFiles(built))
        {
            string to = System.IO.Path.Combine(target, System.IO.Path.GetFileName(file));
            if (IsCopyOf(to, file)) continue;
            // Copied beside and renamed into place: CI runs one test project in three processes at once, each placing the node
            // here, and a copy written over the file in place was seen half-written by another (its length not yet the source's,
            // so copied again) and written while that one's runs executed it (ETXTBSY: "the process cannot access the file", every
            // test of the lane failed in its set-up). A rename never shows a part of the file, and a process already running the
            // old file keeps it.
            string part = $"{to}.{Guid.NewGuid():N}.part";
            File.Copy(file, part, overwrite: true);   // keeps the execute bit
            File.SetLastWriteTimeUtc(part, File.GetLastWriteTimeUtc(file));
            File.Move(part, to, overwrite: true);
        }
    }

    /// <summary>A copy placed earlier: the source's length and time (set before it was renamed into place).</summary>
    private static bool IsCopyOf(string to, string file)
    {
        var placed = new FileInfo(to);
        var source = new FileInfo(file);
        return placed.Exists && placed.LastWriteTimeUtc == source.LastWriteTimeUtc && placed.Length == source.Length;
    }
}
