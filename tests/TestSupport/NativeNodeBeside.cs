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
        string target = System.IO.Path.Combine(here, Folder);
        Directory.CreateDirectory(target);
        foreach (string file in Directory.GetFiles(built))
        {
            string to = System.IO.Path.Combine(target, System.IO.Path.GetFileName(file));
            if (File.Exists(to) && File.GetLastWriteTimeUtc(to) >= File.GetLastWriteTimeUtc(file)
                && new FileInfo(to).Length == new FileInfo(file).Length) continue;
            File.Copy(file, to, overwrite: true);   // keeps the execute bit
            File.SetLastWriteTimeUtc(to, File.GetLastWriteTimeUtc(file));
        }
        return $"native node from {built}";
    }
}
