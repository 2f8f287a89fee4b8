using GossipSim.Engine.Vocabulary;
using GossipSim.RealNet.Storage;
using GossipSim.Scenarios.Run.Faults;
using GossipSim.Scenarios.Runtimes.Processes;

namespace GossipSim.Scenarios.Runtimes.Docker;

/// <summary>
/// The seeds' state directories of a docker run, each in the volume of its seed's engine (<see cref="RunVolumes"/>): through the engine, never this
/// machine's files, so the engine may be elsewhere. The same files the <c>seed-set</c> command reads and writes on a seed's machine:
/// the signed request written whole into the seed's state directory, its answer read back, the set it holds read from its
/// <c>seedset.state</c>. The operator's key stays with the launcher; only the signed request crosses.
/// </summary>
public sealed class VolumeSeedStates(RunVolumes volumes) : ISeedStates
{
    /// <summary>How often a seed's answer is looked for (a seed looks for a request once a second).</summary>
    private static readonly TimeSpan AnswerLook = TimeSpan.FromMilliseconds(250);

    private string StateDirOf(NodeRef seed) => $"{volumes.FolderOf(seed)}/state";

    public SeedSet? HeldBy(NodeRef seed)
    {
        string path = $"{StateDirOf(seed)}/{SeedSetFile.FileName}";
        return volumes.Of(seed).Read(path) is { } bytes ? SeedSetFile.HeldBy(SeedSetFile.Decode(path, bytes)) : null;
    }

    public SeedSetRequestFile.Answer Hand(NodeRef seed, SeedSetRequestFile.Request request) =>
        SeedSetRequestFile.Hand(new VolumeFolder(volumes.Of(seed), StateDirOf(seed)), request, AnswerLook);

    /// <summary>A seed's state directory in the run's volume, reached through its keeper.</summary>
    private sealed class VolumeFolder(RunVolume volume, string dir) : SeedSetRequestFile.IStateFolder
    {
        public string? Read(string name) => volume.Read($"{dir}/{name}") is { } bytes ? System.Text.Encoding.UTF8.GetString(bytes) : null;
        public void WriteWhole(string name, string text) => volume.WriteWhole($"{dir}/{name}", text);
        public void Delete(string name) => volume.Delete($"{dir}/{name}");
    }
}
