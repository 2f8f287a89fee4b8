using GossipSim.Engine.Vocabulary;
using GossipSim.RealNet.Storage;
using GossipSim.Scenarios.Run.Faults;
using GossipSim.Scenarios.Runtimes.Processes;

namespace GossipSim.Scenarios.Runtimes.Docker;

/// <summary>
/// The seeds' state directories of a docker run, in the run's volume (<see cref="RunVolume"/>): through the engine, never this
/// machine's files, so the engine may be elsewhere. The same files the <c>seed-set</c> command reads and writes on a seed's machine:
/// the signed request written whole into the seed's state directory, its answer read back, the set it holds read from its
/// <c>seedset.state</c>. The operator's key stays with the launcher; only the signed request crosses.
/// </summary>
public sealed class VolumeSeedStates(RunVolume volume) : ISeedStates
{
    /// <summary>How often a seed's answer is looked for (a seed looks for a request once a second).</summary>
    private static readonly TimeSpan AnswerLook = TimeSpan.FromMilliseconds(250);

    private static string StateDirOf(NodeRef seed) => $"{RunVolume.FolderOf(seed)}/state";

    public SeedSet? HeldBy(NodeRef seed)
    {
        string path = $"{StateDirOf(seed)}/{SeedSetFile.FileName}";
        return volume.Read(path) is { } bytes ? SeedSetFile.HeldBy(SeedSetFile.Decode(path, bytes)) : null;
    }

    public SeedSetRequestFile.Answer Hand(NodeRef seed, SeedSetRequestFile.Request request)
    {
        string dir = StateDirOf(seed);
        string path = $"{dir}/{SeedSetRequestFile.RequestName}", answer = $"{dir}/{SeedSetRequestFile.AnswerName}";
        volume.Delete(answer);
        volume.WriteWhole(path, SeedSetRequestFile.Format(request));
        var until = DateTime.UtcNow + SeedSetRequestFile.AnswerPatience;
        while (DateTime.UtcNow < until)
        {
            Thread.Sleep(AnswerLook);
            try
            {
                if (volume.Read(answer) is { } said) return SeedSetRequestFile.AnswerOf(System.Text.Encoding.UTF8.GetString(said));
            }
            catch (IOException) { } // the engine was slow to answer this once: the next look asks again
        }
        volume.Delete(path);
        return new SeedSetRequestFile.Answer(false, null, "");
    }
}
